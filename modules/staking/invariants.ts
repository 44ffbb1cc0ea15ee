// Staking invariants: each pool holds exactly what it owes (bonded pool = tokens of bonded validators and providers;
// not-bonded pool = tokens of the others + unbonding entries), every delegation has shares > 0 and delegations'
// shares sum to their target's shares, and the bonded validators are exactly the last power set.
import type { Invariant } from '../../chain/types/module.js';
import { parseDec } from '../../chain/types/dec.js';
import { BondStatus } from '../../proto/gen/aichain/staking/v1/types.js';
import { BONDED_POOL, NOT_BONDED_POOL, type StakingKeeper } from './keeper.js';
import { sharesOf, valoper } from './validators.js';

export function stakingInvariants(k: StakingKeeper): Invariant[] {
  return [
    {
      name: 'staking/pools',
      check(ctx) {
        let bonded = 0n,
          notBonded = 0n;
        for (const t of [...k.validators.all(ctx), ...k.providerRecords.all(ctx)]) {
          if (t.status === BondStatus.BOND_STATUS_BONDED) bonded += BigInt(t.tokens);
          else notBonded += BigInt(t.tokens);
        }
        for (const u of k.queues.unbondings(ctx)) for (const e of u.entries) notBonded += BigInt(e.balance);
        const hb = k.pools.balance(ctx, BONDED_POOL),
          hn = k.pools.balance(ctx, NOT_BONDED_POOL);
        if (hb !== bonded)
          return `bonded pool holds ${hb} but bonded validators' and providers' tokens sum to ${bonded}`;
        if (hn !== notBonded)
          return `not-bonded pool holds ${hn} but unbonded tokens and unbonding entries sum to ${notBonded}`;
        return undefined;
      },
    },
    {
      name: 'staking/delegation-shares',
      check(ctx) {
        const sums = new Map<string, bigint>();
        for (const d of k.delegations.all(ctx)) {
          const s = parseDec(d.shares);
          if (s <= 0n) return `delegation ${d.delegatorAddress} -> ${d.validatorAddress} has shares ${d.shares}`;
          sums.set(d.validatorAddress, (sums.get(d.validatorAddress) ?? 0n) + s);
        }
        for (const v of k.validators.all(ctx)) {
          const sum = sums.get(v.operatorAddress) ?? 0n;
          if (sum !== sharesOf(v))
            return `validator ${v.operatorAddress} has shares ${v.delegatorShares} but its delegations sum to ${sum}`;
        }
        for (const p of k.providerRecords.all(ctx)) {
          const sum = sums.get(p.providerAddress) ?? 0n;
          if (sum !== parseDec(p.delegatorShares))
            return `provider ${p.providerAddress} has shares ${p.delegatorShares} but its delegations sum to ${sum}`;
          if (sum === 0n && p.tokens !== '0')
            return `provider ${p.providerAddress} has tokens ${p.tokens} but no shares`;
        }
        return undefined;
      },
    },
    {
      name: 'staking/active-set',
      check(ctx) {
        const last = new Set([...k.activeSet.lastPowers(ctx)].map((e) => valoper(e.operator)));
        for (const v of k.validators.all(ctx)) {
          if ((v.status === BondStatus.BOND_STATUS_BONDED) !== last.has(v.operatorAddress)) {
            return `validator ${v.operatorAddress} is ${v.status === BondStatus.BOND_STATUS_BONDED ? 'bonded but not' : 'not bonded but'} in the last power set`;
          }
        }
        return undefined;
      },
    },
  ];
}
