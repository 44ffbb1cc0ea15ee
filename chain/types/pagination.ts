// Cosmos pagination (PageRequest/PageResponse) over a prefix store: by key or by offset, with an optional total.
import type { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
import type { Entry, KVStore } from '../store/types.js';
import { sdkErrors } from './errors.js';
import { concatBytes } from '../store/bytes.js';

export const DEFAULT_PAGE_LIMIT = 100n;
export const MAX_PAGE_LIMIT = 1000n;

export function paginate<T>(
  store: KVStore,
  page: PageRequest | undefined,
  map: (e: Entry) => T | undefined,
): { items: T[]; pagination: PageResponse } {
  const limitReq = page?.limit ?? 0n;
  const limit = limitReq === 0n ? DEFAULT_PAGE_LIMIT : limitReq;
  if (limit > MAX_PAGE_LIMIT) throw sdkErrors.invalidRequest(`page limit above ${MAX_PAGE_LIMIT}`);
  const key = page?.key ?? new Uint8Array();
  const offset = page?.offset ?? 0n;
  if (key.length && offset > 0n) throw sdkErrors.invalidRequest('either offset or key is expected, got both');
  const reverse = page?.reverse ?? false;
  const countTotal = page?.countTotal ?? false;
  const items: T[] = [];
  let nextKey = new Uint8Array();
  let seen = 0n,
    total = 0n;
  const iter = key.length
    ? reverse
      ? store.iterate(undefined, concatBytes(key, Uint8Array.of(0)), true)
      : store.iterate(key)
    : store.iterate(undefined, undefined, reverse);
  for (const e of iter) {
    const item = map(e);
    if (item === undefined) continue;
    total++;
    if (seen++ < offset) continue;
    if (BigInt(items.length) < limit) {
      items.push(item);
      continue;
    }
    if (nextKey.length === 0) nextKey = e[0].slice();
    if (!countTotal) break;
  }
  return { items, pagination: { nextKey, total: countTotal ? total : 0n } };
}

/** A full PageRequest from the fields a client gave (for our generated Query clients, which want every field). */
export function pageRequest(p?: Partial<PageRequest>): PageRequest | undefined {
  return (
    p && {
      key: p.key ?? new Uint8Array(),
      offset: p.offset ?? 0n,
      limit: p.limit ?? 0n,
      countTotal: p.countTotal ?? false,
      reverse: p.reverse ?? false,
    }
  );
}
