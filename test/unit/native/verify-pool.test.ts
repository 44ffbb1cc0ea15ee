import test from 'tape';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createVerifier } from '../../../native/secp256k1.js';
import { VerifyPool, type VerifyItem } from '../../../native/verify-pool.js';
import { silentLogger } from '../../../chain/logger.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

// 100 real signatures, then 1,000 items mixing them with every kind of corruption.
function mixedBatch(n: number): VerifyItem[] {
  const base: VerifyItem[] = [];
  for (let i = 0; i < 100; i++) {
    const sk = sha256(utf8(`pool key ${i}`));
    const msgHash = sha256(utf8(`pool msg ${i}`));
    base.push({
      msgHash,
      sig: secp256k1.sign(msgHash, sk, { prehash: false }),
      pubKey: secp256k1.getPublicKey(sk, true),
    });
  }
  const items: VerifyItem[] = [];
  for (let i = 0; i < n; i++) {
    const b = base[i % 100];
    switch (i % 7) {
      case 0:
      case 1:
      case 2:
        items.push(b);
        break; // valid
      case 3:
        items.push({ ...b, msgHash: base[(i + 1) % 100].msgHash });
        break; // wrong message
      case 4:
        items.push({ ...b, pubKey: base[(i + 1) % 100].pubKey });
        break; // wrong key
      case 5:
        items.push({ ...b, sig: new Uint8Array(64) });
        break; // all-zero signature
      default:
        items.push({ ...b, pubKey: b.pubKey.slice(0, 20) }); // malformed key
    }
  }
  return items;
}

test('verify-pool: a mixed batch of 1,000 gives the same answers as inline verification', async (t) => {
  const items = mixedBatch(1000);
  const inline = createVerifier('native');
  const want = items.map((it) => inline.verify(it.msgHash, it.sig, it.pubKey));
  t.ok(want.includes(true) && want.includes(false), 'the batch mixes valid and invalid items');
  const pool = new VerifyPool({ size: 2 });
  try {
    const got = await pool.verifyBatch(items);
    t.deepEqual(got, want, 'pool results equal inline results, in order');
    t.deepEqual(await pool.verifyBatch(items.slice(0, 5)), want.slice(0, 5), 'a small batch (inline path) agrees');
    t.deepEqual(await pool.verifyBatch([]), [], 'an empty batch is empty');
    const [a, b] = await Promise.all([pool.verifyBatch(items.slice(0, 500)), pool.verifyBatch(items.slice(500))]);
    t.deepEqual([...a, ...b], want, 'concurrent batches each get their own answers');
    t.deepEqual(pool.workerBackends, ['libsecp256k1', 'libsecp256k1'], 'workers loaded the native binding');
  } finally {
    await pool.close();
  }
  t.end();
});

test('verify-pool: survives a dead worker and closes cleanly', async (t) => {
  const items = mixedBatch(300);
  const inline = createVerifier('js');
  const want = items.map((it) => inline.verify(it.msgHash, it.sig, it.pubKey));
  const pool = new VerifyPool({ size: 2, prefer: 'js', minChunk: 16 });
  t.deepEqual(await pool.verifyBatch(items), want, 'noble workers agree with inline noble');
  // Kill one worker behind the pool's back: it must be replaced and later batches still answered.
  await (pool as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } }> }).slots[0].worker.terminate();
  t.deepEqual(await pool.verifyBatch(items), want, 'answers stay right after a worker died');
  await pool.close();
  await pool.close();
  t.pass('close is idempotent');
  try {
    await pool.verifyBatch(items);
    t.fail('verifyBatch after close should reject');
  } catch (err) {
    t.equal((err as { code?: string }).code, 'POOL_CLOSED', 'verifyBatch after close rejects with POOL_CLOSED');
  }
  t.end();
});

test('verify-pool: workers that cannot start leave inline verification, not a hang or a crash', async (t) => {
  const items = mixedBatch(200);
  const inline = createVerifier('native');
  const want = items.map((it) => inline.verify(it.msgHash, it.sig, it.pubKey));
  const errors: string[] = [];
  const logger = {
    ...silentLogger,
    error: (msg: string) => {
      errors.push(msg);
    },
  };
  const pool = new VerifyPool({
    size: 2,
    minChunk: 16,
    workerUrl: new URL('./no-such-worker.mjs', import.meta.url),
    logger,
  });
  t.deepEqual(await pool.verifyBatch(items), want, 'answers come back right');
  t.deepEqual(await pool.verifyBatch(items), want, 'and again, with no workers left');
  t.ok(
    errors.some((m) => /failed to start/.test(m)),
    'the failure is logged as an error',
  );
  await pool.close();
  t.end();
});
