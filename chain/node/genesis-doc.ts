// The CometBFT genesis.json: parsed into typed fields, turned into the InitChain request, and served back by the
// `genesis` RPC. app_state is passed to the app as the exact bytes from the file (json.RawMessage in CometBFT).
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { RequestInitChain } from 'cosmjs-types/tendermint/abci/types';
import type { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { consensusParamsFromJson, consensusParamsToJson } from './consensus-params.js';
import { parseRfc3339 } from './time.js';
import { addressFromPubKey, sortValidators, type Validator } from './validators.js';

export interface GenesisValidator extends Validator {
  name: string;
}

export interface GenesisDoc {
  genesisTimeText: string;
  genesisTime: Timestamp;
  chainId: string;
  /** "0" in the file means 1, as in CometBFT. */
  initialHeight: bigint;
  consensusParams: ConsensusParams;
  /** In CometBFT's order (power descending, address ascending). */
  validators: GenesisValidator[];
  appHash: Uint8Array;
  /** The raw app_state bytes ("" when absent). */
  appStateBytes: Uint8Array;
}

export class GenesisError extends Error {
  constructor(msg: string) {
    super(`genesis: ${msg}`);
    this.name = 'GenesisError';
  }
}

/** Returns the exact source text of a top-level key's value in a JSON object, or undefined. */
export function rawTopLevelValue(text: string, key: string): string | undefined {
  let i = text.indexOf('{');
  if (i < 0) return undefined;
  i++;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      i++;
    }
    i++;
  };
  const skipValue = () => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      let depth = 0;
      do {
        const d = text[i];
        if (d === '"') {
          skipString();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return;
    }
    while (i < text.length && !/[,}\]\s]/.test(text[i])) i++;
  };
  for (;;) {
    ws();
    if (text[i] !== '"') return undefined;
    const ks = i;
    skipString();
    const k = JSON.parse(text.slice(ks, i));
    ws();
    if (text[i] !== ':') return undefined;
    i++;
    ws();
    const vs = i;
    skipValue();
    if (k === key) return text.slice(vs, i);
    ws();
    if (text[i] !== ',') return undefined;
    i++;
  }
}

export function parseGenesisDoc(text: string): GenesisDoc {
  let j: any;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new GenesisError(`not valid JSON: ${(e as Error).message}`);
  }
  if (!j || typeof j !== 'object') throw new GenesisError('must be a JSON object');
  if (typeof j.chain_id !== 'string' || !j.chain_id) throw new GenesisError('chain_id is required');
  if (j.chain_id.length > 50) throw new GenesisError('chain_id is longer than 50 characters');
  if (typeof j.genesis_time !== 'string') throw new GenesisError('genesis_time is required');
  let genesisTime: Timestamp;
  try {
    genesisTime = parseRfc3339(j.genesis_time);
  } catch (e) {
    throw new GenesisError((e as Error).message);
  }
  const ih = j.initial_height ?? '0';
  if (!/^\d+$/.test(String(ih)))
    throw new GenesisError(`initial_height must be a non-negative integer, got ${JSON.stringify(ih)}`);
  const initialHeight = BigInt(ih) === 0n ? 1n : BigInt(ih);
  let consensusParams: ConsensusParams;
  try {
    consensusParams = consensusParamsFromJson(j.consensus_params);
  } catch (e) {
    throw new GenesisError((e as Error).message);
  }
  const vals: GenesisValidator[] = (j.validators ?? []).map((v: any, n: number) => {
    if (v?.pub_key?.type !== 'tendermint/PubKeyEd25519')
      throw new GenesisError(`validators[${n}]: only tendermint/PubKeyEd25519 keys are supported`);
    const pubKey = new Uint8Array(Buffer.from(String(v.pub_key.value), 'base64'));
    if (pubKey.length !== 32) throw new GenesisError(`validators[${n}]: ed25519 key must be 32 bytes`);
    if (!/^\d+$/.test(String(v.power)) || BigInt(v.power) <= 0n)
      throw new GenesisError(`validators[${n}]: power must be a positive integer`);
    const address = addressFromPubKey(pubKey);
    if (v.address && String(v.address).toUpperCase() !== Buffer.from(address).toString('hex').toUpperCase()) {
      throw new GenesisError(`validators[${n}]: address does not match its public key`);
    }
    return { address, pubKey, power: BigInt(v.power), name: String(v.name ?? '') };
  });
  const appHashHex = String(j.app_hash ?? '');
  if (!/^([0-9a-fA-F]{2})*$/.test(appHashHex)) throw new GenesisError('app_hash must be hex');
  const rawAppState = j.app_state === undefined ? undefined : rawTopLevelValue(text, 'app_state');
  return {
    genesisTimeText: j.genesis_time,
    genesisTime,
    chainId: j.chain_id,
    initialHeight,
    consensusParams,
    validators: sortValidators(vals) as GenesisValidator[],
    appHash: new Uint8Array(Buffer.from(appHashHex, 'hex')),
    appStateBytes: rawAppState === undefined ? new Uint8Array(0) : new TextEncoder().encode(rawAppState),
  };
}

export function initChainRequest(g: GenesisDoc): RequestInitChain {
  return {
    time: g.genesisTime,
    chainId: g.chainId,
    consensusParams: g.consensusParams,
    validators: g.validators.map((v) => ({ pubKey: { ed25519: v.pubKey }, power: v.power })),
    appStateBytes: g.appStateBytes,
    initialHeight: g.initialHeight,
  };
}

/** The `genesis` RPC's form of the document (initial_height normalised, default params filled in). */
export function genesisToJson(g: GenesisDoc) {
  const out: Record<string, unknown> = {
    genesis_time: g.genesisTimeText,
    chain_id: g.chainId,
    initial_height: String(g.initialHeight),
    consensus_params: consensusParamsToJson(g.consensusParams),
    validators: g.validators.map((v) => ({
      address: Buffer.from(v.address).toString('hex').toUpperCase(),
      pub_key: { type: 'tendermint/PubKeyEd25519', value: Buffer.from(v.pubKey).toString('base64') },
      power: String(v.power),
      name: v.name,
    })),
    app_hash: Buffer.from(g.appHash).toString('hex').toUpperCase(),
  };
  if (g.appStateBytes.length) out.app_state = JSON.parse(new TextDecoder().decode(g.appStateBytes));
  return out;
}
