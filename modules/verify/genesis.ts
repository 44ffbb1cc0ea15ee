// Verification genesis: aichain.verify.v1.GenesisState (JSON through its generated proto-JSON mapping), checked in
// one place. Everything the module stores is exported (queue, records, providers' histories, faults in the window),
// so an export imports to the same app hash.
import { GenesisState } from '../../proto/gen/aichain/verify/v1/genesis.js';
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { fromHex, toHexUpper } from '../../chain/store/bytes.js';
import type { VerifyKeeper } from './keeper.js';
import { defaultParams, validateParams } from './params.js';
import { verifyErrors } from './errors.js';

export { GenesisState as VerifyGenesis };

export const defaultVerifyGenesis = (): GenesisState => ({
  params: defaultParams(),
  queue: [],
  records: [],
  providers: [],
  faults: [],
});

const CONS = /^[0-9A-F]{40}$/;
const fail = (why: string): never => {
  throw new Error(why);
};

export function validateVerifyGenesis(g: GenesisState): void {
  checkGenesis(verifyErrors.invalidGenesis, () => {
    field('params', () => validateParams(g.params ?? defaultParams()));
    const seen = new Set<bigint>();
    g.queue.forEach((e, i) =>
      field(`queue[${i}]`, () => {
        if (seen.has(e.taskId)) fail(`task ${e.taskId} queued twice`);
        seen.add(e.taskId);
      }),
    );
    const providers = new Set<string>();
    g.providers.forEach((p, i) =>
      field(`providers[${i}]`, () => {
        if (!p.provider || providers.has(p.provider)) fail('missing or duplicate provider');
        providers.add(p.provider);
      }),
    );
    g.faults.forEach((f, i) =>
      field(`faults[${i}].validator`, () => {
        if (!CONS.test(f.validator)) fail('not 40 upper-case hex characters');
      }),
    );
  });
}

export function initVerifyGenesis(ctx: Context, k: VerifyKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params ?? defaultParams());
  for (const e of g.queue) k.state.queue.set(ctx, e.taskId, e);
  for (const r of g.records) k.state.records.set(ctx, r.taskId, r);
  for (const p of g.providers)
    k.state.providers.set(ctx, p.provider, p.record ?? { verified: 0n, lastFaultHeight: 0n });
  for (const f of g.faults) k.state.faults.add(ctx, [fromHex(f.validator.toLowerCase()), f.height, f.taskId]);
}

export const exportVerifyGenesis = (ctx: Context, k: VerifyKeeper): GenesisState => ({
  params: k.getParams(ctx),
  queue: k.queue(ctx),
  records: [...k.state.records.values(ctx)],
  providers: [...k.state.providers.entries(ctx)].map(([provider, record]) => ({ provider, record })),
  faults: [...k.state.faults.keys(ctx)].map(([cons, height, taskId]) => ({
    validator: toHexUpper(cons),
    height,
    taskId,
  })),
});
