// Benchmark: secp256k1 signature verifications per second: libsecp256k1 on one core (the baseline), the verify pool
// on all cores, and the noble fallback. Run: node --import tsx test/bench/verify.ts (or via npm run bench).
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { createVerifier } from '../../native/secp256k1.js';
import { VerifyPool, type VerifyItem } from '../../native/verify-pool.js';

function makeItems(distinct: number): VerifyItem[] {
  const items: VerifyItem[] = [];
  for (let i = 0; i < distinct; i++) {
    const sk = sha256(new TextEncoder().encode(`bench key ${i}`));
    const msgHash = sha256(new TextEncoder().encode(`bench msg ${i}`));
    items.push({
      msgHash,
      sig: secp256k1.sign(msgHash, sk, { prehash: false }),
      pubKey: secp256k1.getPublicKey(sk, true),
    });
  }
  return items;
}

function inlineRate(
  verify: (m: Uint8Array, s: Uint8Array, p: Uint8Array) => boolean,
  items: VerifyItem[],
  count: number,
): number {
  let ok = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const it = items[i % items.length];
    if (verify(it.msgHash, it.sig, it.pubKey)) ok++;
  }
  const secs = (performance.now() - t0) / 1000;
  if (ok !== count) throw new Error(`bench: ${count - ok} valid signatures failed to verify`);
  return count / secs;
}

export async function run(): Promise<{ singleCore: number; allCores: number; noble: number; workers: number }> {
  const items = makeItems(256);
  const native = createVerifier('native');
  if (native.backend !== 'libsecp256k1') throw new Error('bench: the native libsecp256k1 binding did not load');
  const js = createVerifier('js');

  inlineRate(native.verify, items, 2_000); // warm-up
  const singleCore = inlineRate(native.verify, items, 30_000);
  inlineRate(js.verify, items, 100);
  const noble = inlineRate(js.verify, items, 1_000);

  const workers = availableParallelism();
  const pool = new VerifyPool({ size: workers });
  let allCores: number;
  try {
    const batch = Array.from({ length: 8192 }, (_, i) => items[i % items.length]);
    await pool.verifyBatch(batch); // warm-up: workers started and JIT-compiled
    const rounds = 8;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) {
      const res = await pool.verifyBatch(batch);
      if (res.some((v) => !v)) throw new Error('bench: the pool rejected a valid signature');
    }
    allCores = (rounds * batch.length) / ((performance.now() - t0) / 1000);
  } finally {
    await pool.close();
  }

  const rows: Array<[string, number]> = [
    ['libsecp256k1, 1 core (baseline)', singleCore],
    [`libsecp256k1, pool of ${workers} workers, batches of 8192`, allCores],
    ['noble (pure JS fallback), 1 core', noble],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'case'.padEnd(w)}  ${'verify/s'.padStart(10)}  ${'× baseline'.padStart(10)}`);
  for (const [name, rate] of rows) {
    console.log(
      `${name.padEnd(w)}  ${Math.round(rate).toString().padStart(10)}  ${(rate / singleCore).toFixed(2).padStart(10)}`,
    );
  }
  return { singleCore, allCores, noble, workers };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
