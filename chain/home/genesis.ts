// config/genesis.json in CometBFT's format. Only the envelope is checked here; app_state belongs to the app's
// modules, which validate it at InitChain.
import { HomeError } from './errors.js';
import { isObject } from './files.js';

export interface GenesisValidator {
  address?: string;
  pub_key: { type: string; value: string };
  power: string;
  name?: string;
}

export interface CometGenesis {
  genesis_time: string;
  chain_id: string;
  initial_height?: string;
  consensus_params?: Record<string, unknown>;
  validators?: GenesisValidator[];
  app_hash?: string;
  app_state?: unknown;
  [k: string]: unknown;
}

/** CometBFT's limit (types.MaxChainIDLen). */
const MAX_CHAIN_ID_LEN = 50;

export function parseGenesis(raw: unknown, path = 'genesis.json'): CometGenesis {
  const bad = (why: string) => new HomeError('BAD_GENESIS', `${path}: ${why}`, path);
  if (!isObject(raw)) throw bad('must be a JSON object');
  if (typeof raw.chain_id !== 'string' || raw.chain_id.length === 0 || raw.chain_id.length > MAX_CHAIN_ID_LEN) {
    throw bad(`chain_id must be a non-empty string of at most ${MAX_CHAIN_ID_LEN} characters`);
  }
  if (typeof raw.genesis_time !== 'string' || Number.isNaN(Date.parse(raw.genesis_time))) {
    throw bad('genesis_time must be an RFC 3339 time string');
  }
  if (
    raw.initial_height !== undefined
    && (typeof raw.initial_height !== 'string' || !/^\d+$/.test(raw.initial_height))
  ) {
    throw bad('initial_height must be a decimal string');
  }
  if (raw.validators !== undefined && raw.validators !== null) {
    if (!Array.isArray(raw.validators)) throw bad('validators must be an array');
    raw.validators.forEach((v: unknown, i: number) => {
      if (
        !isObject(v)
        || !isObject(v.pub_key)
        || typeof v.pub_key.type !== 'string'
        || typeof v.pub_key.value !== 'string'
        || typeof v.power !== 'string'
        || !/^\d+$/.test(v.power)
      ) {
        throw bad(`validators[${i}] must be {pub_key: {type, value}, power: "decimal string"}`);
      }
    });
  }
  return raw as CometGenesis;
}
