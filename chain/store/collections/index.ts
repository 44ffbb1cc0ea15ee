// Typed state collections (after the Cosmos SDK's `collections`): keepers declare their state once and never build
// a key or decode a value by hand. Every call takes a StoreSource (the Context: `ctx.kv(prefix)`), so gas, caching
// and the app hash see exactly the reads and writes a hand-written keeper made.
//
//   const s = new Schema(storePrefix);                    // the module's byte from chain/app/store-prefixes.ts
//   params   = s.item(KEY.params, 'params', protoValue(Params));                       // Item<Params>
//   nextId   = s.sequence(KEY.nextId, 'next_id');                                       // u64 BE counter
//   balances = s.map(KEY.balance, 'balances', tupleKey(addressKey, stringKey), decimalValue); // StateMap<[addr, denom], bigint>
//   queue    = s.keySet(KEY.queue, 'queue', tupleKey(u64Key, addressKey));             // KeySet<[time, addr]>
//   delegs   = s.indexedMap(KEY.del, 'delegations', tupleKey(addressKey, addressKey), protoValue(Delegation),
//                [index(byValidator, ([del, val]) => [val, del])]);                     // index kept in step
//
// Item<V>:        get(src) -> V | undefined; mustGet(src, onMissing?) -> V; has; set(src, v); delete(src)
// Sequence:       peek(src) -> bigint; next(src) -> bigint (takes it); set(src, n)
// StateMap<K, V>: get(src, k); mustGet(src, k, onMissing?); has; set(src, k, v); delete(src, k);
//                 entries/keys/values(src, range?) in key byte order; store(src, under?) + entry(e, under?) for paginate()
// KeySet<K>:      has(src, k); add(src, k); delete(src, k); keys(src, range?)
// IndexedMap:     as StateMap, but set(src, k, v, prev?) and delete(src, k, prev?) keep every index KeySet in step
// Range<K>:       { prefix?: leading tuple parts; from?: inclusive; to?: exclusive; through?: inclusive of every
//                 key starting with it; reverse? } — bounds are whole keys or leading parts, e.g. { through: [now] }
// Key codecs:     bytesKey (raw, last only), addressKey (1-byte length ‖ bytes), fixedBytesKey(n), hexKey(n) (hex
//                 string as n raw bytes), u64Key (8 bytes BE), u8Key, stringKey (UTF-8, last only), tupleKey(...parts)
// Value codecs:   protoValue(Codec) (any ts-proto / cosmjs-types message), decimalValue (bigint as ASCII digits, as
//                 bank stores amounts), u64Value (8 bytes BE), bytesValue
// Stored bytes that do not decode throw CollectionError: corrupt state halts the node, it never becomes a tx error.
export { CollectionError } from './errors.js';
export type { StoreSource } from './source.js';
export {
  addressKey,
  bytesKey,
  decodeKey,
  fixedBytesKey,
  hexKey,
  sameKey,
  stringKey,
  u64Key,
  u8Key,
  type KeyCodec,
} from './keys.js';
export { tupleKey, type Leading, type TupleKeyCodec } from './tuple.js';
export { bytesValue, decimalValue, protoValue, u64Value, type MessageCodec, type ValueCodec } from './values.js';
export type { PrefixOf, Range } from './range.js';
export { Item } from './item.js';
export { Sequence } from './sequence.js';
export { StateMap } from './map.js';
export { KeySet } from './keyset.js';
export { IndexedMap, index, type Index } from './indexed-map.js';
export { Schema } from './schema.js';
