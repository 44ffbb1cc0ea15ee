// Distribution invariants: the distribution account holds at least every outstanding reward plus the community
// pool, and each validator's outstanding rewards cover its commission plus what every delegation could withdraw
// now (computed delegation by delegation).
import type { Invariant } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import { moduleAddress, parseAddress } from '../../chain/types/address.js';
import { add, covers, fromAmounts, show, type Dec } from './dec-coins.js';
import { DISTRIBUTION_ACCOUNT, type DistributionKeeper } from './keeper.js';
import type { StakingKeeper } from './expected.js';

export function distributionInvariants(
  k: DistributionKeeper,
  staking: StakingKeeper,
  balances: (ctx: Context, addr: Uint8Array) => Amount[],
): Invariant[] {
  return [
    {
      name: 'distribution/module-balance',
      check(ctx) {
        let owed = k.communityPool(ctx);
        for (const val of k.targetsWithRewards(ctx)) owed = add(owed, k.outstanding(ctx, val));
        const held = fromAmounts(balances(ctx, moduleAddress(DISTRIBUTION_ACCOUNT)));
        return covers(held, owed) ? undefined : `the distribution account holds ${show(held)} but owes ${show(owed)}`;
      },
    },
    {
      name: 'distribution/outstanding-covers-delegators',
      check(ctx) {
        const owed = new Map<string, Dec>();
        for (const d of staking.delegations(ctx)) {
          const val = staking.parseTarget(d.validatorAddress);
          const r = k.pendingRewards(ctx, parseAddress(d.delegatorAddress), val);
          owed.set(d.validatorAddress, add(owed.get(d.validatorAddress) ?? new Map(), r));
        }
        for (const val of k.targetsWithRewards(ctx)) {
          const addr = staking.targetAddress(val);
          const need = add(owed.get(addr) ?? new Map(), k.commission(ctx, val));
          const have = k.outstanding(ctx, val);
          if (!covers(have, need)) return `validator ${addr} has outstanding ${show(have)} but owes ${show(need)}`;
        }
        return undefined;
      },
    },
  ];
}
