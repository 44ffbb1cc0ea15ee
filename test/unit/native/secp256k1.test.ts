import test from 'tape';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createVerifier } from '../../../native/secp256k1.js';

const N = secp256k1.Point.Fn.ORDER;
const utf8 = (s: string) => new TextEncoder().encode(s);
const toBig = (b: Uint8Array) => BigInt('0x' + Buffer.from(b).toString('hex'));
const to32 = (n: bigint) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));

const sk = sha256(utf8('test key 1'));
const pub = secp256k1.getPublicKey(sk, true);
const otherPub = secp256k1.getPublicKey(sha256(utf8('test key 2')), true);
const msg = sha256(utf8('sign doc bytes'));
const sig = secp256k1.sign(msg, sk, { prehash: false, lowS: true });
// The same signature with s replaced by n − s: valid on the curve, but malleable (high S), which Cosmos rejects.
const highS = Uint8Array.from([...sig.slice(0, 32), ...to32(N - toBig(sig.slice(32)))]);
const offCurve = Uint8Array.from([2, ...new Uint8Array(32).fill(0xff)]);

const cases: Array<[string, Uint8Array, Uint8Array, Uint8Array, boolean]> = [
  ['valid low-S signature', msg, sig, pub, true],
  ['high-S signature (n − s)', msg, highS, pub, false],
  ['wrong message', sha256(utf8('other')), sig, pub, false],
  ['wrong key', msg, sig, otherPub, false],
  ['garbage key (x ≥ p, not on the curve)', msg, sig, offCurve, false],
  ['garbage key (bad prefix byte)', msg, sig, Uint8Array.from([5, ...pub.slice(1)]), false],
  ['uncompressed key (only 33-byte keys are accepted)', msg, sig, secp256k1.getPublicKey(sk, false), false],
  ['all-zero signature', msg, new Uint8Array(64), pub, false],
  ['r and s ≥ n', msg, new Uint8Array(64).fill(0xff), pub, false],
  ['short signature', msg, sig.slice(0, 63), pub, false],
  ['short digest', msg.slice(0, 31), sig, pub, false],
  ['empty key', msg, sig, new Uint8Array(0), false],
];

test('secp256k1: native and noble backends give the same answers', (t) => {
  const native = createVerifier('native');
  const js = createVerifier('js');
  t.equal(native.backend, 'libsecp256k1', 'the native prebuild loads on this machine');
  t.equal(js.backend, 'noble', "prefer 'js' picks noble");
  t.ok(toBig(highS.slice(32)) > N / 2n, 'the high-S case really has s > n/2');
  t.ok(
    secp256k1.verify(highS, msg, pub, { prehash: false, lowS: false }),
    'the high-S case is otherwise a valid signature',
  );
  for (const [name, m, s, p, want] of cases) {
    t.equal(native.verify(m, s, p), want, `native: ${name}`);
    t.equal(js.verify(m, s, p), want, `noble: ${name}`);
  }
  t.end();
});

test('secp256k1: non-Uint8Array input is false, not an exception', (t) => {
  const v = createVerifier('native');
  t.equal(v.verify(null as unknown as Uint8Array, sig, pub), false, 'null digest');
  t.equal(v.verify(msg, 'abc' as unknown as Uint8Array, pub), false, 'string signature');
  t.equal(createVerifier('js').verify(msg, sig, {} as unknown as Uint8Array), false, 'object pubkey (noble)');
  t.end();
});
