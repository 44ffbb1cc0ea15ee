// Bech32 account addresses: bech32(prefix, ripemd160(sha256(33-byte compressed secp256k1 pubkey))).
import { fromBech32, toBech32 } from '@cosmjs/encoding';
import { createHash } from 'node:crypto';
import { sdkErrors } from './errors.js';
import { sha256, utf8 } from '../store/bytes.js';

export const ACCOUNT_PREFIX = 'ai';
export const VALOPER_PREFIX = 'aivaloper';
export const VALCONS_PREFIX = 'aivalcons';
/** Compute providers (a staking target like a validator): the operator's account bytes under this prefix. */
export const PROVIDER_PREFIX = 'aiprov';

export function addressFromPubKey(pubKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('ripemd160').update(sha256(pubKey)).digest());
}

// Bech32 is costly (a checksum per call) and the same few addresses recur in every block: remember recent ones.
// A pure function's results, so the cache cannot change any outcome.
const CACHE_MAX = 50_000;
const encoded = new Map<string, string>();
const decoded = new Map<string, Uint8Array>();
function remember<V>(m: Map<string, V>, k: string, v: V): V {
  if (m.size >= CACHE_MAX) m.delete(m.keys().next().value as string);
  m.set(k, v);
  return v;
}

export function toAddress(bytes: Uint8Array, prefix = ACCOUNT_PREFIX): string {
  const k = prefix + ':' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return encoded.get(k) ?? remember(encoded, k, toBech32(prefix, bytes));
}

/** Decodes a bech32 address with the expected prefix into its 20 (or 32, for module-derived) bytes. */
export function parseAddress(addr: string, prefix = ACCOUNT_PREFIX, what = 'address'): Uint8Array {
  const hit = decoded.get(prefix + ':' + addr);
  if (hit) return hit.slice();
  let dec;
  try {
    dec = fromBech32(addr, 90);
  } catch (e) {
    throw sdkErrors.invalidAddress(`invalid ${what} ${JSON.stringify(addr)}: ${(e as Error).message}`);
  }
  if (dec.prefix !== prefix) throw sdkErrors.invalidAddress(`invalid ${what} ${addr}: expected prefix ${prefix}`);
  if (dec.data.length !== 20 && dec.data.length !== 32)
    throw sdkErrors.invalidAddress(`invalid ${what} length ${dec.data.length}`);
  return remember(decoded, prefix + ':' + addr, dec.data).slice();
}

/** The human-readable prefix of a bech32 address, or undefined when it is not bech32 at all. */
export function addressPrefix(addr: string): string | undefined {
  try {
    return fromBech32(addr, 90).prefix;
  } catch {
    return undefined;
  }
}

/** CometBFT's validator (and node id) address for an ed25519 key: the first 20 bytes of sha256(pubkey). */
export function consensusAddress(pub: Uint8Array): Uint8Array {
  return Uint8Array.from(sha256(pub).subarray(0, 20));
}

/** A module account's address: the first 20 bytes of sha256(module name), as the SDK's NewModuleAddress. */
export function moduleAddress(name: string): Uint8Array {
  let a = moduleAddresses.get(name);
  if (!a) moduleAddresses.set(name, (a = Uint8Array.from(sha256(utf8(name)).subarray(0, 20))));
  return Uint8Array.from(a); // a copy: callers own what they get
}
const moduleAddresses = new Map<string, Uint8Array>(); // a few module names, hashed on every transfer otherwise
