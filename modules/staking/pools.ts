// The bonded and not-bonded pools: two module accounts holding every staked token. Tokens of bonded targets
// (validators in the active set, registered providers) sit in the bonded pool; tokens of the others and of unbonding
// entries in the not-bonded pool. Moving between them, and burning from them, goes through bank.
import { BondStatus } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { moduleAddress } from '../../chain/types/address.js';
import type { AccountKeeper, BankKeeper } from './expected.js';

export const BONDED_POOL = 'bonded_tokens_pool';
export const NOT_BONDED_POOL = 'not_bonded_tokens_pool';

/** The pool a target's tokens sit in. */
export const poolOf = (t: { status: BondStatus }) =>
  t.status === BondStatus.BOND_STATUS_BONDED ? BONDED_POOL : NOT_BONDED_POOL;

export class Pools {
  constructor(
    private readonly bank: BankKeeper,
    private readonly accounts: AccountKeeper,
    private readonly bondDenom: (ctx: Context) => string,
  ) {}

  ensure(ctx: Context): void {
    this.accounts.ensureModuleAccount(ctx, BONDED_POOL);
    this.accounts.ensureModuleAccount(ctx, NOT_BONDED_POOL);
  }
  balance(ctx: Context, pool: string): bigint {
    return this.bank.getBalance(ctx, moduleAddress(pool), this.bondDenom(ctx));
  }
  /** Burns `amount` bond-denom tokens held by a pool (slashing). */
  burn(ctx: Context, pool: string, amount: bigint): void {
    if (amount === 0n) return;
    this.bank.burnFromModule(ctx, pool, [{ denom: this.bondDenom(ctx), amount }]);
  }
  move(ctx: Context, from: string, to: string, amount: bigint): void {
    if (from === to || amount === 0n) return;
    this.bank.sendFromModuleToModule(ctx, from, to, [{ denom: this.bondDenom(ctx), amount }]);
  }
  /** Moves `amount` from an account into a pool (a delegation). */
  fromAccount(ctx: Context, from: Uint8Array, pool: string, amount: bigint): void {
    this.bank.sendFromAccountToModule(ctx, from, pool, [{ denom: this.bondDenom(ctx), amount }]);
  }
  /** Pays `amount` from a pool to an account (a matured unbonding). */
  toAccount(ctx: Context, pool: string, to: Uint8Array, amount: bigint): void {
    this.bank.sendFromModuleToAccount(ctx, pool, to, [{ denom: this.bondDenom(ctx), amount }]);
  }
}
