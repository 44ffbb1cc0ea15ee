// Gov's invariants: the module account holds exactly the deposits, and each live proposal's total_deposit is the
// sum of its deposits.
import type { Invariant } from '../../chain/types/module.js';
import { addAmounts, formatCoins, parseCoins, type Amount } from '../../chain/types/coins.js';
import { moduleAddress } from '../../chain/types/address.js';
import type { Context } from '../../chain/types/context.js';
import { MODULE_NAME, type GovKeeper } from './keeper.js';

const same = (a: Amount[], b: Amount[]) =>
  a.length === b.length && a.every((x, i) => x.denom === b[i].denom && x.amount === b[i].amount);

export function govInvariants(k: GovKeeper, balances: (ctx: Context, addr: Uint8Array) => Amount[]): Invariant[] {
  return [
    {
      name: 'gov/module-account',
      check(ctx) {
        const deposits = addAmounts(...[...k.deposits(ctx)].map((d) => parseCoins(d.amount, { allowEmpty: true })));
        const held = balances(ctx, moduleAddress(MODULE_NAME));
        if (!same(deposits, held))
          return `gov module account holds ${formatCoins(held)} but the deposits sum to ${formatCoins(deposits)}`;
        return undefined;
      },
    },
    {
      name: 'gov/total-deposits',
      check(ctx) {
        for (const p of k.proposals(ctx)) {
          const sum = addAmounts(...[...k.deposits(ctx, p.id)].map((d) => parseCoins(d.amount, { allowEmpty: true })));
          const total = parseCoins(p.totalDeposit, { allowEmpty: true });
          const live = [...k.deposits(ctx, p.id)].length > 0;
          if (live && !same(sum, total))
            return `proposal ${p.id}: total_deposit ${formatCoins(total)} but deposits sum to ${formatCoins(sum)}`;
        }
        return undefined;
      },
    },
  ];
}
