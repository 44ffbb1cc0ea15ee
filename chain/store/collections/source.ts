// Where a collection finds its store: anything that hands out a module's prefixed key space. The state machine's
// Context is one (ctx.kv(prefix)); so is a test's plain object over a MemState. Going through it on every call keeps
// gas metering and the cache layering exactly as with hand-written keys.
import type { KVStore } from '../types.js';

export interface StoreSource {
  kv(prefix: Uint8Array): KVStore;
}
