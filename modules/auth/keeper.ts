// State access for accounts: numbers, sequences, public keys, module accounts, params.
import type { Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { FeeParams } from '../../proto/gen/aichain/auth/v1/params.js';
import type { Context } from '../../chain/types/context.js';
import { moduleAddress, toAddress } from '../../chain/types/address.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { authState } from './keys.js';
import { defaultFeeParams, defaultParams } from './params.js';
import type { Account } from './account.js';

export { BASE_ACCOUNT_TYPE, MODULE_ACCOUNT_TYPE, SECP256K1_PUBKEY_TYPE, type Account } from './account.js';

export class AuthKeeper {
  readonly state: ReturnType<typeof authState>;
  constructor(readonly storePrefix: Uint8Array) {
    this.state = authState(storePrefix);
  }

  getAccount(ctx: Context, addr: Uint8Array): Account | undefined {
    return this.state.accounts.get(ctx, addr);
  }
  hasAccount(ctx: Context, addr: Uint8Array): boolean {
    return this.state.accounts.has(ctx, addr);
  }
  setAccount(ctx: Context, a: Account): void {
    this.state.accounts.set(ctx, a.address, a);
  }

  /** Creates an account with the next account number (accounts are created when they first receive coins). */
  createAccount(ctx: Context, addr: Uint8Array, module?: Account['module']): Account {
    const a: Account = { address: addr, accountNumber: this.nextAccountNumber(ctx), sequence: 0n, module };
    this.setAccount(ctx, a);
    return a;
  }

  isModuleAccount(ctx: Context, addr: Uint8Array): boolean {
    return !!this.getAccount(ctx, addr)?.module;
  }

  ensureAccount(ctx: Context, addr: Uint8Array): void {
    if (!this.hasAccount(ctx, addr)) this.createAccount(ctx, addr);
  }

  nextAccountNumber(ctx: Context): bigint {
    return this.state.nextAccountNumber.next(ctx);
  }
  peekNextAccountNumber(ctx: Context): bigint {
    return this.state.nextAccountNumber.peek(ctx);
  }
  setNextAccountNumber(ctx: Context, n: bigint): void {
    this.state.nextAccountNumber.set(ctx, n);
  }

  /** The module account for `name`, created on first use. */
  moduleAccount(ctx: Context, name: string, permissions: string[] = []): Account {
    const addr = moduleAddress(name);
    const existing = this.getAccount(ctx, addr);
    if (existing) {
      if (!existing.module) throw sdkErrors.logic(`account ${toAddress(addr)} is not the module account ${name}`);
      return existing;
    }
    return this.createAccount(ctx, addr, { name, permissions });
  }

  /** Every account, in address byte order. */
  accounts(ctx: Context): Iterable<Account> {
    return this.state.accounts.values(ctx);
  }

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  getFeeParams(ctx: Context): FeeParams {
    return this.state.feeParams.get(ctx) ?? defaultFeeParams();
  }
  setFeeParams(ctx: Context, p: FeeParams): void {
    this.state.feeParams.set(ctx, p);
  }
}
