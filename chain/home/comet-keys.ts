// CometBFT's key files: config/priv_validator_key.json and config/node_key.json, in CometBFT's own JSON format, so a
// real CometBFT node can use the same home's keys. A private key value is base64(seed32 ‖ pub32).
import { ed25519PubFromSeed, cometAddress } from '../../native/ed25519.js';
import { HomeError } from './errors.js';
import { isObject } from './files.js';

export const PUBKEY_TYPE = 'tendermint/PubKeyEd25519';
export const PRIVKEY_TYPE = 'tendermint/PrivKeyEd25519';

export interface Ed25519Key {
  seed: Uint8Array;
  pubKey: Uint8Array;
  /** first 20 bytes of sha256(pubKey) */
  address: Uint8Array;
  /** upper-case hex of address: CometBFT's validator address, and the node id in lower case */
  addressHex: string;
}

export interface PrivValidatorKeyJson {
  address: string;
  pub_key: { type: string; value: string };
  priv_key: { type: string; value: string };
}

export interface NodeKeyJson {
  priv_key: { type: string; value: string };
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export function ed25519KeyFromSeed(seed: Uint8Array): Ed25519Key {
  const pubKey = ed25519PubFromSeed(seed);
  const address = cometAddress(pubKey);
  return {
    seed: Uint8Array.from(seed),
    pubKey,
    address,
    addressHex: Buffer.from(address).toString('hex').toUpperCase(),
  };
}

export function privValidatorKeyJson(seed: Uint8Array): PrivValidatorKeyJson {
  const k = ed25519KeyFromSeed(seed);
  return {
    address: k.addressHex,
    pub_key: { type: PUBKEY_TYPE, value: b64(k.pubKey) },
    priv_key: { type: PRIVKEY_TYPE, value: b64(Buffer.concat([k.seed, k.pubKey])) },
  };
}

export function nodeKeyJson(seed: Uint8Array): NodeKeyJson {
  const k = ed25519KeyFromSeed(seed);
  return { priv_key: { type: PRIVKEY_TYPE, value: b64(Buffer.concat([k.seed, k.pubKey])) } };
}

/** The node id CometBFT shows for a node key: lower-case hex of the address. */
export function nodeId(pubKey: Uint8Array): string {
  return Buffer.from(cometAddress(pubKey)).toString('hex');
}

function parsePrivKey(v: unknown, path: string): Ed25519Key {
  const corrupt = (why: string) => new HomeError('FILE_CORRUPT', `${path}: ${why}`, path);
  if (!isObject(v) || v.type !== PRIVKEY_TYPE || typeof v.value !== 'string')
    throw corrupt(`priv_key must be {type: "${PRIVKEY_TYPE}", value: base64}`);
  const raw = Buffer.from(v.value, 'base64');
  if (raw.length !== 64) throw corrupt(`priv_key value must be 64 bytes (seed ‖ pubkey), got ${raw.length}`);
  const key = ed25519KeyFromSeed(raw.subarray(0, 32));
  if (!Buffer.from(key.pubKey).equals(raw.subarray(32))) throw corrupt('priv_key public half does not match its seed');
  return key;
}

export function parsePrivValidatorKey(json: unknown, path: string): Ed25519Key {
  if (!isObject(json)) throw new HomeError('FILE_CORRUPT', `${path}: not a JSON object`, path);
  const key = parsePrivKey(json.priv_key, path);
  const pub = json.pub_key;
  if (!isObject(pub) || pub.type !== PUBKEY_TYPE || pub.value !== b64(key.pubKey)) {
    throw new HomeError('FILE_CORRUPT', `${path}: pub_key does not match priv_key`, path);
  }
  if (typeof json.address !== 'string' || json.address.toUpperCase() !== key.addressHex) {
    throw new HomeError('FILE_CORRUPT', `${path}: address does not match the key (want ${key.addressHex})`, path);
  }
  return key;
}

export function parseNodeKey(json: unknown, path: string): Ed25519Key & { id: string } {
  if (!isObject(json)) throw new HomeError('FILE_CORRUPT', `${path}: not a JSON object`, path);
  const key = parsePrivKey(json.priv_key, path);
  return { ...key, id: nodeId(key.pubKey) };
}
