// Coded errors of the store. `code` is stable and meant for callers to branch on; the message is for humans.
export type StoreErrorCode =
  | 'EMPTY_KEY' // a key of zero bytes (never valid)
  | 'BAD_VERSION' // stage() with a version not above the committed one, or beyond 2^53
  | 'VERSION_NOT_FOUND' // a read at a version that was pruned or never committed
  | 'STALE_STAGE' // commit() of a Staged computed against an older committed version
  | 'MISSING_NODE' // a tree node a kept version needs is absent: the database is damaged
  | 'CORRUPT' // a record of the database cannot be decoded
  | 'CLOSED'; // the store was closed

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly meta: Record<string, unknown>;
  constructor(code: StoreErrorCode, message: string, meta: Record<string, unknown> = {}) {
    super(`${code}: ${message}`);
    this.name = 'StoreError';
    this.code = code;
    this.meta = meta;
  }
}
