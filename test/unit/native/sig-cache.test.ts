import test from 'tape';
import { SigCache, sigCacheKey, sigCacheKeyFromHash } from '../../../native/sig-cache.js';
import { sha256 } from '@noble/hashes/sha2.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

test('sig-cache: keys bind sign bytes, pubkey and signature', (t) => {
  const k = sigCacheKey(b(1, 2, 3), b(2, 9), b(7, 7));
  t.equal(k, sigCacheKeyFromHash(sha256(b(1, 2, 3)), b(2, 9), b(7, 7)), 'key from bytes = key from their sha256');
  t.notEqual(k, sigCacheKey(b(1, 2, 4), b(2, 9), b(7, 7)), 'other sign bytes, other key');
  t.notEqual(k, sigCacheKey(b(1, 2, 3), b(2, 8), b(7, 7)), 'other pubkey, other key');
  t.notEqual(k, sigCacheKey(b(1, 2, 3), b(2, 9), b(7, 6)), 'other signature, other key');
  t.notEqual(
    sigCacheKey(b(1), b(2, 9), b(7)),
    sigCacheKey(b(1), b(2), b(9, 7)),
    'a byte cannot move from pubkey to sig',
  );
  t.end();
});

test('sig-cache: least recently used entries are evicted at capacity', (t) => {
  const c = new SigCache(3);
  c.add('a');
  c.add('b');
  c.add('c');
  t.equal(c.size, 3, 'holds up to capacity');
  t.ok(c.has('a'), 'a is cached (and now most recent)');
  c.add('d');
  t.equal(c.size, 3, 'size stays at capacity');
  t.notOk(c.has('b'), 'b, the least recently used, was evicted');
  t.ok(c.has('a') && c.has('c') && c.has('d'), 'a, c, d remain');
  c.add('c');
  c.add('e');
  t.notOk(c.has('a'), 're-adding c refreshed it, so a went next');
  t.ok(c.has('c'), 'c remains');
  t.notOk(c.has('never'), 'unknown key is a miss');
  c.clear();
  t.equal(c.size, 0, 'clear empties it');
  t.throws(() => new SigCache(0), RangeError, 'capacity must be positive');
  t.end();
});
