// The one table of store prefixes: each module owns the keys under its byte, and declares its collections under
// that byte (chain/store/collections: Schema(storePrefix('bank')) with one sub-byte per collection, listed in the
// module's keys.ts). test/unit/app/store-prefixes.test.ts checks the numbers are unique.
//
// Retired numbers: when a module or a collection goes away, its number moves to the table below (here for module
// bytes, in the module's keys.ts for its sub-bytes) and is never given out again: an old store or a state-sync
// snapshot may still hold keys under it, and reusing it would read them as something else.
//
//   byte | was            | retired by
//   -----+----------------+-----------
//   (none yet)
export const STORE_PREFIXES = {
  app: 0x00, // chain id, consensus params, the validator set CometBFT runs with
  auth: 0x01, // accounts, account numbers, auth and fee params
  bank: 0x02, // balances, supply, denom metadata, bank params
  staking: 0x03, // validators, delegations, unbonding/redelegation entries and queues, last powers, staking params
  models: 0x04, // models (records and ONNX bytes), datasets, the bond unlock queue, models params
  distribution: 0x05, // reward params, community pool, per-validator F1 reward state, delegation starting infos
  slashing: 0x06, // slashing params, validator signing infos, missed-block bits, slash history and its next id
  mint: 0x07, // mint (inflation) params
  tasks: 0x08, // inference tasks (escrow, claims, results, settlements), their indexes and height queues, misses, stats
  verify: 0x09, // the verification queue, verification records, providers' verification records, validators' inference faults, params
  gov: 0x0a, // gov params, proposals (with their status index and deposit/voting time queues), deposits, votes, the next id
} as const;

export type StoreName = keyof typeof STORE_PREFIXES;
export const storePrefix = (name: StoreName): Uint8Array => Uint8Array.of(STORE_PREFIXES[name]);
