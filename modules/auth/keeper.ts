// State access for accounts: numbers, sequences, public keys, module accounts, params.
import { BaseAccount, ModuleAccount, Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { Any } from 'cosmjs-types/google/protobuf/any';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { FeeParams } from '../../proto/gen/aichain/auth/v1/params.js';
import type { Context } from '../../chain/types/context.js';
import type { KVStore } from '../../chain/store/types.js';
import { moduleAddress, toAddress } from '../../chain/types/address.js';
import { readU64, u64 } from '../../chain/types/kv-views.js';
import { sdkErrors } from '../../chain/types/errors.js';
import { accountKey, feeParamsKey, nextAccountNumberKey, paramsKey } from './keys.js';
import { defaultFeeParams, defaultParams } from './params.js';

export const BASE_ACCOUNT_TYPE = '/cosmos.auth.v1beta1.BaseAccount';
export const MODULE_ACCOUNT_TYPE = '/cosmos.auth.v1beta1.ModuleAccount';
export const SECP256K1_PUBKEY_TYPE = '/cosmos.crypto.secp256k1.PubKey';

/** An account as the state machine handles it. */
export interface Account {
  address: Uint8Array;
  pubKey?: Uint8Array; // 33-byte compressed secp256k1 key, once the account has signed
  accountNumber: bigint;
  sequence: bigint;
  module?: { name: string; permissions: string[] };
}

export function encodeAccount(a: Account): Any {
  const base = BaseAccount.fromPartial({
    address: toAddress(a.address),
    pubKey: a.pubKey ? { typeUrl: SECP256K1_PUBKEY_TYPE, value: PubKey.encode({ key: a.pubKey }).finish() } : undefined,
    accountNumber: a.accountNumber,
    sequence: a.sequence,
  });
  if (a.module) {
    return { typeUrl: MODULE_ACCOUNT_TYPE, value: ModuleAccount.encode({ baseAccount: base, name: a.module.name, permissions: a.module.permissions }).finish() };
  }
  return { typeUrl: BASE_ACCOUNT_TYPE, value: BaseAccount.encode(base).finish() };
}

export function decodeAccount(address: Uint8Array, bytes: Uint8Array): Account {
  const any = Any.decode(bytes);
  let base: BaseAccount, module: Account['module'];
  if (any.typeUrl === MODULE_ACCOUNT_TYPE) {
    const m = ModuleAccount.decode(any.value);
    base = m.baseAccount ?? BaseAccount.fromPartial({});
    module = { name: m.name, permissions: m.permissions };
  } else {
    base = BaseAccount.decode(any.value);
  }
  const pubKey = base.pubKey ? PubKey.decode(base.pubKey.value).key : undefined;
  return { address, pubKey, accountNumber: base.accountNumber, sequence: base.sequence, module };
}

export class AuthKeeper {
  constructor(readonly storePrefix: Uint8Array) {}

  store(ctx: Context): KVStore { return ctx.kv(this.storePrefix); }

  getAccount(ctx: Context, addr: Uint8Array): Account | undefined {
    const b = this.store(ctx).get(accountKey(addr));
    return b ? decodeAccount(addr, b) : undefined;
  }

  hasAccount(ctx: Context, addr: Uint8Array): boolean { return this.store(ctx).has(accountKey(addr)); }

  setAccount(ctx: Context, a: Account): void {
    this.store(ctx).set(accountKey(a.address), Any.encode(encodeAccount(a)).finish());
  }

  /** Creates an account with the next account number (accounts are created when they first receive coins). */
  createAccount(ctx: Context, addr: Uint8Array, module?: Account['module']): Account {
    const a: Account = { address: addr, accountNumber: this.nextAccountNumber(ctx), sequence: 0n, module };
    this.setAccount(ctx, a);
    return a;
  }

  isModuleAccount(ctx: Context, addr: Uint8Array): boolean { return !!this.getAccount(ctx, addr)?.module; }

  ensureAccount(ctx: Context, addr: Uint8Array): void {
    if (!this.hasAccount(ctx, addr)) this.createAccount(ctx, addr);
  }

  nextAccountNumber(ctx: Context): bigint {
    const s = this.store(ctx);
    const b = s.get(nextAccountNumberKey);
    const n = b ? readU64(b) : 0n;
    s.set(nextAccountNumberKey, u64(n + 1n));
    return n;
  }

  peekNextAccountNumber(ctx: Context): bigint {
    const b = this.store(ctx).get(nextAccountNumberKey);
    return b ? readU64(b) : 0n;
  }

  setNextAccountNumber(ctx: Context, n: bigint): void { this.store(ctx).set(nextAccountNumberKey, u64(n)); }

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

  *accounts(ctx: Context): Iterable<Account> {
    for (const [k, v] of this.store(ctx).iterate(Uint8Array.of(0x01), Uint8Array.of(0x02))) {
      yield decodeAccount(k.slice(1), v);
    }
  }

  getParams(ctx: Context): Params {
    const b = this.store(ctx).get(paramsKey);
    return b ? Params.decode(b) : defaultParams();
  }
  setParams(ctx: Context, p: Params): void { this.store(ctx).set(paramsKey, Params.encode(p).finish()); }

  getFeeParams(ctx: Context): FeeParams {
    const b = this.store(ctx).get(feeParamsKey);
    return b ? FeeParams.decode(b) : defaultFeeParams();
  }
  setFeeParams(ctx: Context, p: FeeParams): void { this.store(ctx).set(feeParamsKey, FeeParams.encode(p).finish()); }
}
