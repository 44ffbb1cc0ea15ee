// The store interfaces every state machine sees. Reads and writes are synchronous: the latest committed state lives in
// memory (see committed.ts), so block execution is a pure, await-free function of state and block.
// Keys and values are raw bytes; numbers inside keys are big-endian so byte order is numeric order.

/** One entry yielded by an iterator, in ascending (or descending) byte order of `key`. */
export type Entry = [key: Uint8Array, value: Uint8Array];

export interface KVReader {
  get(key: Uint8Array): Uint8Array | undefined;
  has(key: Uint8Array): boolean;
  /** Entries with start <= key < end (either bound may be omitted), in byte order; reverse for descending. */
  iterate(start?: Uint8Array, end?: Uint8Array, reverse?: boolean): Iterable<Entry>;
}

export interface KVStore extends KVReader {
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
}

/** A write set: key (latin1 "binary string" of the key bytes) -> new value, or null for a deletion. */
export type ChangeSet = Map<string, Uint8Array | null>;
