// An account as the state machine handles it, and its stored form: the SDK's Any(BaseAccount | ModuleAccount), the
// same bytes CosmJS's auth queries expect.
import { BaseAccount, ModuleAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { Any } from 'cosmjs-types/google/protobuf/any';
import { PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import type { ValueCodec } from '../../chain/store/collections/index.js';
import { CollectionError } from '../../chain/store/collections/index.js';
import { parseAddress, toAddress } from '../../chain/types/address.js';

export const BASE_ACCOUNT_TYPE = '/cosmos.auth.v1beta1.BaseAccount';
export const MODULE_ACCOUNT_TYPE = '/cosmos.auth.v1beta1.ModuleAccount';
export const SECP256K1_PUBKEY_TYPE = '/cosmos.crypto.secp256k1.PubKey';

export interface Account {
  address: Uint8Array;
  pubKey?: Uint8Array; // 33-byte compressed secp256k1 key, once the account has signed
  accountNumber: bigint;
  sequence: bigint;
  module?: { name: string; permissions: string[] };
}

export function baseAccount(a: Account): BaseAccount {
  return BaseAccount.fromPartial({
    address: toAddress(a.address),
    pubKey: a.pubKey ? { typeUrl: SECP256K1_PUBKEY_TYPE, value: PubKey.encode({ key: a.pubKey }).finish() } : undefined,
    accountNumber: a.accountNumber,
    sequence: a.sequence,
  });
}

export function encodeAccount(a: Account): Any {
  const base = baseAccount(a);
  if (a.module) {
    return {
      typeUrl: MODULE_ACCOUNT_TYPE,
      value: ModuleAccount.encode({
        baseAccount: base,
        name: a.module.name,
        permissions: a.module.permissions,
      }).finish(),
    };
  }
  return { typeUrl: BASE_ACCOUNT_TYPE, value: BaseAccount.encode(base).finish() };
}

export function fromBase(base: BaseAccount, module?: Account['module']): Account {
  let address: Uint8Array;
  try {
    address = parseAddress(base.address);
  } catch {
    throw new CollectionError(`stored account address ${JSON.stringify(base.address)}`);
  }
  const pubKey = base.pubKey ? PubKey.decode(base.pubKey.value).key : undefined;
  return { address, pubKey, accountNumber: base.accountNumber, sequence: base.sequence, module };
}

export function decodeAccount(any: Any): Account {
  if (any.typeUrl === MODULE_ACCOUNT_TYPE) {
    const m = ModuleAccount.decode(any.value);
    return fromBase(m.baseAccount ?? BaseAccount.fromPartial({}), { name: m.name, permissions: m.permissions });
  }
  if (any.typeUrl === BASE_ACCOUNT_TYPE) return fromBase(BaseAccount.decode(any.value));
  throw new CollectionError(`stored account of type ${any.typeUrl}`);
}

/** The stored form of an account. */
export const accountValue: ValueCodec<Account> = {
  name: 'account',
  encode: (a) => Any.encode(encodeAccount(a)).finish(),
  decode: (b) => decodeAccount(Any.decode(b)),
};
