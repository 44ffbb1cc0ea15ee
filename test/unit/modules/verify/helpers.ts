// The verification testnet fixture: four validators (equal power, extensions from height 1) with a model (tolerance
// rule), a provider, and helpers that create, claim and submit tasks; optionally the four are staking validators too
// (created by MsgCreateValidator with the testnet's consensus keys), so faults slash real stake and fee shares pay
// real rewards.
import { createHash } from 'node:crypto';
import type { AichainApp, AppOptions } from '../../../../chain/app/app.js';
import { ComparisonRule } from '../../../../proto/gen/aichain/models/v1/types.js';
import type { Result } from '../../../../proto/gen/aichain/tasks/v1/types.js';
import { devAccounts, openApp } from '../../../support/app-harness.js';
import { Testnet } from '../../../support/testnet.js';
import { registerModelMsg, tinyMlp } from '../models/helpers.js';
import { createValidatorMsg, signer } from '../staking/helpers.js';
import {
  claimMsg,
  createMsg,
  createdId,
  honestResult,
  input,
  registerProviderMsg,
  tasksAppState,
} from '../tasks/helpers.js';

export const TOLERANCE = 4n;

export async function q(app: AichainApp, method: string, data: Uint8Array = new Uint8Array()) {
  const r = await app.query({ path: `/aichain.verify.v1.Query/${method}`, data, height: 0n, prove: false });
  if (r.code) throw new Error(`${method}: ${r.codespace} ${r.code} ${r.log}`);
  return r.value;
}

/** Exports validator 0's state and imports it into a fresh app: the same app hash (the verify state included). */
export async function exportImports(tn: Testnet): Promise<{
  same: boolean;
  verify: { queue: unknown[]; records: unknown[]; providers: unknown[]; faults: unknown[] };
}> {
  const app = tn.nodes[0].app;
  const exported = app.exportAppState() as {
    verify: { queue: unknown[]; records: unknown[]; providers: unknown[]; faults: unknown[] };
  };
  const fresh = await openApp();
  try {
    const res = await fresh.app.initChain({
      ...tn.initChainRequest(),
      appStateBytes: new TextEncoder().encode(JSON.stringify(exported)),
    });
    return { same: Buffer.compare(res.appHash, app.store.root) === 0, verify: exported.verify };
  } finally {
    await fresh.close();
  }
}

export async function market(
  verify: Record<string, unknown> = {},
  opts: {
    staked?: boolean;
    appOptions?: Partial<AppOptions>;
    appOptionsFor?: (index: number) => Partial<AppOptions>;
  } = {},
) {
  const accs = await devAccounts(opts.staked ? 9 : 5);
  const [owner, provider, creator] = accs;
  const appState = {
    ...tasksAppState(accs, { challenge_window_blocks: '12' }),
    verify: {
      params: {
        max_verifications_per_block: 16,
        max_verify_flops_per_block: '50000000',
        max_extension_bytes: '16384',
        max_output_values: 256,
        min_sample_bps: 10000,
        new_provider_results: '20',
        fault_cooldown_blocks: '1000',
        max_verification_retries: 2,
        fault_window_blocks: '100',
        max_faults: 1,
        slash_fraction_wrong_inference: '0.010000000000000000',
        fault_jail_seconds: '600',
        ...verify,
      },
    },
  };
  const tn = await Testnet.start({
    powers: [10n, 10n, 10n, 10n],
    appState,
    chainId: 'test-chain-1',
    appOptions: opts.appOptions,
    appOptionsFor: opts.appOptionsFor,
  });
  const app = () => tn.nodes[0].app;
  const sign = (...a: Parameters<ReturnType<typeof signer>>) => signer(app())(...a);
  const modelBytes = tinyMlp(7);
  const modelId = createHash('sha256').update(modelBytes).digest('hex');
  await tn.produceBlock();
  const ok = (b: Awaited<ReturnType<Testnet['produceBlock']>>) => {
    for (const r of b.txResults.slice(1)) if (r.code !== 0) throw new Error(`setup tx failed: ${r.log}`);
    return b;
  };
  // Staking validators on the testnet's own keys, 10 power each (10,000,000 uaic at the default power reduction): the
  // set CometBFT runs does not change, but each validator now has stake to slash and rewards to earn.
  const operators = opts.staked ? accs.slice(5, 9) : [];
  if (opts.staked) {
    ok(
      await tn.produceBlock(
        await Promise.all(
          operators.map((a, i) => sign(a, createValidatorMsg(a, tn.nodes[i].validator.pub, 10_000_000n), 1_000_000)),
        ),
      ),
    );
  }
  ok(
    await tn.produceBlock([
      await sign(
        owner,
        registerModelMsg(owner.address, modelBytes, {
          rule: ComparisonRule.COMPARISON_RULE_TOLERANCE,
          tolerance: TOLERANCE,
        }),
        2_000_000,
      ),
    ]),
  );
  ok(await tn.produceBlock([await sign(provider, registerProviderMsg(provider, [modelId]), 2_000_000)]));
  /** Creates, claims and submits one task; returns its id and the submission height. */
  const submit = async (result: (honest: Result) => Result, x = input()) => {
    const b = ok(await tn.produceBlock([await sign(creator, createMsg(creator, modelId, { inputs: [x] }))]));
    const id = await createdId(b.txResults[1].data);
    ok(await tn.produceBlock([await sign(provider, claimMsg(provider, id))]));
    let honest: Result;
    try {
      honest = await honestResult(modelBytes, x);
    } catch {
      honest = { tensors: [{ name: 'y', dtype: 'float32', shape: [1n, 3n] }], values: [0n, 0n, 0n] };
    }
    const s = ok(
      await tn.produceBlock([
        await sign(provider, {
          typeUrl: '/aichain.tasks.v1.MsgSubmitResult',
          value: { provider: provider.address, taskId: id, result: result(honest) },
        }),
      ]),
    );
    return { id, height: s.height };
  };
  /** Several tasks created, claimed and submitted together (one tx each step), so one slash cannot stop the rest. */
  const submitAll = async (results: Array<(honest: Result) => Result>) => {
    const b = ok(
      await tn.produceBlock([
        await sign(
          creator,
          results.map(() => createMsg(creator, modelId)),
          1_000_000,
        ),
      ]),
    );
    const { TxMsgData } = await import('cosmjs-types/cosmos/base/abci/v1beta1/abci');
    const { MsgCreateTaskResponse } = await import('../../../../proto/gen/aichain/tasks/v1/tx.js');
    const ids = TxMsgData.decode(b.txResults[1].data).msgResponses.map((m) => MsgCreateTaskResponse.decode(m.value).id);
    ok(
      await tn.produceBlock([
        await sign(
          provider,
          ids.map((id) => claimMsg(provider, id)),
          1_000_000,
        ),
      ]),
    );
    const honest = await honestResult(modelBytes);
    ok(
      await tn.produceBlock([
        await sign(
          provider,
          ids.map((id, i) => ({
            typeUrl: '/aichain.tasks.v1.MsgSubmitResult',
            value: { provider: provider.address, taskId: id, result: results[i](honest) },
          })),
          1_000_000,
        ),
      ]),
    );
    return ids;
  };
  const task = (id: bigint) => app().wiring.tasks.getTask(app().ctx(app().store.state), id)!;
  const record = (id: bigint) => app().wiring.verify.getRecord(app().ctx(app().store.state), id);
  return { tn, submit, submitAll, task, record, accs, operators, app, modelId, sign, ok };
}
