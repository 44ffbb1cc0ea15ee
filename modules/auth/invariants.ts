import type { Invariant } from '../../chain/types/module.js';
import type { AuthKeeper } from './keeper.js';

export function authInvariants(k: AuthKeeper): Invariant[] {
  return [
    {
      name: 'auth/account-numbers',
      check(ctx) {
        const next = k.peekNextAccountNumber(ctx);
        const seen = new Set<bigint>();
        for (const a of k.accounts(ctx)) {
          if (a.accountNumber >= next) return `account number ${a.accountNumber} >= next account number ${next}`;
          if (seen.has(a.accountNumber)) return `account number ${a.accountNumber} used twice`;
          seen.add(a.accountNumber);
        }
        return undefined;
      },
    },
  ];
}
