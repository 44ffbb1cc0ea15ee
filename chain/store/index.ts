// The store's public surface.
export type { ChangeSet, Entry, KVReader, KVStore } from './types.js';
export { MemState } from './memstate.js';
export { CacheKV } from './cachekv.js';
export { CommitStore, type CommitStoreOptions, type Staged } from './committed.js';
export { computeRoot } from './root.js';
export { aichainProofSpec, verifyProof } from './proof.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { Prefix as StorePrefix } from './keys.js';
export { toBin, fromBin } from './binkey.js';
