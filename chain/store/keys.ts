// The one table of key prefixes of the store's LevelDB. A retired number is never reused.
export const Prefix = {
  /** 0x01 ‖ state key -> value: the latest committed flat state (loaded into MemState at open). */
  flat: 0x01,
  /** 0x02 ‖ node key -> encoded tree node (see nodes.ts). */
  node: 0x02,
  /** 0x03 ‖ version u64 BE -> (len u8 ‖ node key)*: the nodes that version replaced (stale since it), for pruning. */
  stale: 0x03,
  /** 0x04 ‖ version u64 BE -> root record (kind ‖ hash ‖ node version): one per kept version. */
  root: 0x04,
  /** 0x05 ‖ name -> value: the store's own metadata (MetaKey). */
  meta: 0x05,
  /** 0x06 ‖ caller key -> caller value: metadata written by the app in commit(…, extra) (e.g. last block info). */
  appMeta: 0x06,
} as const;

export const MetaKey = {
  /** -> u64 BE: the latest committed version. */
  latest: Uint8Array.from([0x01]),
  /** -> u64 BE: the lowest version still kept (everything below was pruned). */
  earliest: Uint8Array.from([0x02]),
} as const;
