import test from 'tape';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519PubFromSeed, ed25519Sign, ed25519Verify, cometAddress } from '../../../native/ed25519.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

test('ed25519: node:crypto signing equals noble signing', (t) => {
  for (let i = 0; i < 5; i++) {
    const seed = sha256(utf8(`seed ${i}`));
    const msg = utf8(`message ${i}`.repeat(i + 1));
    t.equal(hex(ed25519PubFromSeed(seed)), hex(ed25519.getPublicKey(seed)), `pubkey ${i}`);
    t.equal(hex(ed25519Sign(seed, msg)), hex(ed25519.sign(msg, seed)), `signature ${i}`);
  }
  t.end();
});

test('ed25519: RFC 8032 test vector 1', (t) => {
  const seed = unhex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const pub = ed25519PubFromSeed(seed);
  t.equal(hex(pub), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'public key');
  const sig = ed25519Sign(seed, new Uint8Array(0));
  t.equal(
    hex(sig),
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    'signature',
  );
  t.ok(ed25519Verify(pub, new Uint8Array(0), sig), 'verifies');
  t.end();
});

test('ed25519: verify rejects bad input without throwing', (t) => {
  const seed = sha256(utf8('v'));
  const pub = ed25519PubFromSeed(seed);
  const msg = utf8('hello');
  const sig = ed25519Sign(seed, msg);
  t.ok(ed25519Verify(pub, msg, sig), 'valid');
  t.notOk(ed25519Verify(pub, utf8('hellp'), sig), 'wrong message');
  t.notOk(ed25519Verify(ed25519PubFromSeed(sha256(utf8('w'))), msg, sig), 'wrong key');
  const flipped = sig.slice();
  flipped[10] ^= 1;
  t.notOk(ed25519Verify(pub, msg, flipped), 'flipped bit in R');
  // S + L is the same scalar but non-canonical: ZIP-215 still requires S < L.
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const s = BigInt('0x' + hex(sig.slice(32).reverse()));
  const sPlusL = unhex((s + L).toString(16).padStart(64, '0')).reverse();
  t.notOk(ed25519Verify(pub, msg, Uint8Array.from([...sig.slice(0, 32), ...sPlusL])), 'non-canonical S (S + L)');
  t.notOk(ed25519Verify(pub, msg, new Uint8Array(64)), 'all-zero signature');
  t.notOk(ed25519Verify(pub, msg, sig.slice(0, 63)), 'short signature');
  t.notOk(ed25519Verify(pub.slice(0, 31), msg, sig), 'short key');
  t.notOk(ed25519Verify(new Uint8Array(32).fill(0xff), msg, sig), 'garbage key');
  t.throws(() => ed25519Sign(new Uint8Array(31), msg), /32 bytes/, 'a short seed is a coded error');
  t.end();
});

test('ed25519: ZIP-215 accepts a non-canonical R encoding that RFC 8032 rejects', (t) => {
  // The identity point has y = 1; its non-canonical encoding is y = 1 + p (only possible for y < 19).
  // With A = identity (small order) and R = identity, [8][S]B = [8]R + [8][k]A holds for S = 0: valid under ZIP-215.
  const p = 2n ** 255n - 19n;
  const nonCanonicalOne = unhex((1n + p).toString(16).padStart(64, '0')).reverse();
  const identity = unhex('01'.padEnd(64, '0'));
  const sig = Uint8Array.from([...nonCanonicalOne, ...new Uint8Array(32)]);
  t.ok(ed25519Verify(identity, utf8('zip215'), sig), 'accepted with zip215');
  t.notOk(ed25519.verify(sig, utf8('zip215'), identity, { zip215: false }), 'rejected by strict RFC 8032 rules');
  t.end();
});

test('ed25519: cometAddress is the first 20 bytes of sha256(pubkey)', (t) => {
  const pub = ed25519PubFromSeed(sha256(utf8('addr')));
  const a = cometAddress(pub);
  t.equal(a.length, 20, '20 bytes');
  t.equal(hex(a), hex(sha256(pub)).slice(0, 40), 'prefix of sha256');
  t.end();
});
