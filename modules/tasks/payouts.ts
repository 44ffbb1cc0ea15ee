// Settlement payouts gathered over a block's settlements and paid once per recipient and denom: a block settling a
// thousand tasks of one model pays its owner once, not a thousand times (each payment is a bank transfer with its
// reads, writes and events). Paid in key order, so the result does not depend on the order tasks were settled in.
import type { Context } from '../../chain/types/context.js';
import { type Amount } from '../../chain/types/coins.js';
import { parseAddress, PROVIDER_PREFIX } from '../../chain/types/address.js';
import { fromHex } from '../../chain/store/bytes.js';
import type { BankKeeper, Rewards } from './expected.js';

type Kind = 'account' | 'provider' | 'validator' | 'pool';

export class Payouts {
  private readonly owed = new Map<string, { kind: Kind; to: string; denom: string; amount: bigint }>();

  /** Coins for an account (ai1…). */
  toAccount(to: string, a: Amount): void {
    this.add('account', to, a);
  }
  /** A provider's reward share (aiprov1…), deposited into its rewards (commission, then its delegators by stake). */
  toProvider(provider: string, a: Amount): void {
    this.add('provider', provider, a);
  }
  /** A verifying validator's part of the validators' share (valoper bytes, hex), into its rewards. */
  toValidator(valoperHex: string, a: Amount): void {
    this.add('validator', valoperHex, a);
  }
  toCommunityPool(a: Amount): void {
    this.add('pool', '', a);
  }

  private add(kind: Kind, to: string, a: Amount): void {
    if (a.amount <= 0n) return;
    const key = `${kind}\u0000${to}\u0000${a.denom}`;
    const prev = this.owed.get(key);
    if (prev) prev.amount += a.amount;
    else this.owed.set(key, { kind, to, denom: a.denom, amount: a.amount });
  }

  /** Pays everything owed from `module` and forgets it. */
  flush(ctx: Context, module: string, bank: BankKeeper, rewards: Rewards): void {
    const keys = [...this.owed.keys()].sort();
    for (const key of keys) {
      const { kind, to, denom, amount } = this.owed.get(key)!;
      const coins = [{ denom, amount }];
      if (kind === 'account') bank.sendFromModuleToAccount(ctx, module, parseAddress(to), coins);
      else if (kind === 'provider')
        rewards.depositProviderRewards(ctx, module, parseAddress(to, PROVIDER_PREFIX, 'provider'), coins);
      else if (kind === 'validator') rewards.depositValidatorRewards(ctx, module, fromHex(to), coins);
      else rewards.fundCommunityPool(ctx, module, coins);
    }
    this.owed.clear();
  }
}
