// Models invariants: the module account holds exactly the bonds it owes (active, suspended and unlocking), and the
// unlock queue lists exactly the retired records that still hold a bond, at their unlock times.
import type { Invariant } from '../../chain/types/module.js';
import { BondKind, Status } from '../../proto/gen/aichain/models/v1/types.js';
import type { ModelsKeeper } from './keeper.js';

export function modelsInvariants(k: ModelsKeeper): Invariant[] {
  return [
    {
      name: 'models/module-account-bonds',
      check(ctx) {
        for (const [denom, owed] of k.totalBonds(ctx)) {
          const held = k.moduleBalance(ctx, denom);
          if (held !== owed) return `module account holds ${held}${denom} but bonds sum to ${owed}${denom}`;
        }
        return undefined;
      },
    },
    {
      name: 'models/unlock-queue',
      check(ctx) {
        const queued = new Set([...k.unlockQueue(ctx)].map((e) => `${e.kind}/${e.id}/${e.time}`));
        const want = new Set<string>();
        const add = (
          kind: BondKind,
          r: { id: string; status: Status; bond?: { amount: string }; unlockTime: bigint },
        ) => {
          if (r.status === Status.STATUS_RETIRED && BigInt(r.bond?.amount ?? '0') > 0n)
            want.add(`${kind}/${r.id}/${r.unlockTime}`);
        };
        for (const m of k.models(ctx)) {
          add(BondKind.BOND_KIND_MODEL, m);
          if (!k.getModelBytes(ctx, m.id)) return `model ${m.id} has no bytes`;
        }
        for (const d of k.datasets(ctx)) add(BondKind.BOND_KIND_DATASET, d);
        for (const e of queued) if (!want.has(e)) return `unlock queue entry ${e} matches no retired bond`;
        for (const e of want) if (!queued.has(e)) return `retired bond ${e} is missing from the unlock queue`;
        return undefined;
      },
    },
  ];
}
