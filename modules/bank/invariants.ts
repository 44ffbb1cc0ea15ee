// Bank invariants: total supply equals the sum of all balances, and no stored balance is zero or negative.
import type { Invariant } from '../../chain/types/module.js';
import { addAmounts, formatCoins } from '../../chain/types/coins.js';
import type { BankKeeper } from './keeper.js';

export function bankInvariants(k: BankKeeper): Invariant[] {
  return [
    {
      name: 'bank/nonnegative-balances',
      check(ctx) {
        for (const b of k.allBalances(ctx)) {
          for (const c of b.coins) if (c.amount <= 0n) return `balance ${c.amount}${c.denom} is not positive`;
        }
        return undefined;
      },
    },
    {
      name: 'bank/total-supply',
      check(ctx) {
        const sum = addAmounts(...[...k.allBalances(ctx)].map((b) => b.coins));
        const supply = k.allSupply(ctx);
        const a = formatCoins(sum),
          s = formatCoins(supply);
        return a === s ? undefined : `supply ${s} != sum of balances ${a}`;
      },
    },
  ];
}
