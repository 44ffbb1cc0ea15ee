// Fast signing for the simulation and the fuzzer: the dev mnemonic's accounts derived with one PBKDF2 (CosmJS's
// wallet runs one per account) and direct-mode signatures from libsecp256k1. The bytes are those CosmJS would make
// (same sign doc, RFC 6979 deterministic low-S signatures), so a seed gives the same txs every run.
import { createHash } from 'node:crypto';
import { Slip10, Slip10Curve, stringToPath } from '@cosmjs/crypto';
import { encodePubkey, makeAuthInfoBytes, makeSignBytes, makeSignDoc, type EncodeObject } from '@cosmjs/proto-signing';
import { encodeSecp256k1Pubkey } from '@cosmjs/amino';
import secp256k1 from 'secp256k1';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { bip39SeedSync, DEV_MNEMONIC } from '../../chain/home/dev.js';
import { addressFromPubKey, toAddress } from '../../chain/types/address.js';
import { CHAIN_ID, registry } from '../support/app-harness.js';

export interface SimAccount {
  index: number;
  address: string;
  pubkey: Uint8Array;
  privkey: Uint8Array;
}

let cached: SimAccount[] | undefined;
/** Accounts m/44'/118'/0'/0/i of the dev mnemonic, i < n. */
export function simAccounts(n: number): SimAccount[] {
  if (cached && cached.length >= n) return cached.slice(0, n);
  const seed = bip39SeedSync(DEV_MNEMONIC);
  cached = Array.from({ length: n }, (_, index) => {
    const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, stringToPath(`m/44'/118'/0'/0/${index}`));
    const pubkey = secp256k1.publicKeyCreate(privkey, true);
    return { index, address: toAddress(addressFromPubKey(pubkey)), pubkey, privkey };
  });
  return cached;
}

export interface SignOptions {
  accountNumber: bigint;
  sequence: bigint;
  chainId?: string;
  gas?: number;
  fee?: Array<{ denom: string; amount: string }>;
  memo?: string;
}

export function signTx(acc: SimAccount, msgs: EncodeObject[], o: SignOptions): Uint8Array {
  const bodyBytes = registry.encodeTxBody({ messages: msgs, memo: o.memo ?? '' });
  const gas = o.gas ?? 200_000;
  const fee = o.fee ?? [{ denom: 'uaic', amount: String(Math.ceil(gas * 0.025)) }];
  const authInfoBytes = makeAuthInfoBytes(
    [{ pubkey: encodePubkey(encodeSecp256k1Pubkey(acc.pubkey)), sequence: o.sequence }],
    fee,
    gas,
    undefined,
    undefined,
  );
  const doc = makeSignDoc(bodyBytes, authInfoBytes, o.chainId ?? CHAIN_ID, o.accountNumber);
  const hash = createHash('sha256').update(makeSignBytes(doc)).digest();
  const { signature } = secp256k1.ecdsaSign(hash, acc.privkey);
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [signature] }).finish();
}
