// Benchmark: the commit time (stage + commit, i.e. FinalizeBlock's root plus Commit's write) of a 1,000-write block
// — 900 updates of random existing keys and 100 inserts — on a state of 10k keys and of 1M keys. The tree should make
// this O(changed keys × log n), so the 1M figure is printed as a ratio of the 10k one (target <= 2).
// State is built in big batches outside the timed part. Run: `npm run bench` or `node --import tsx test/bench/store-commit.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommitStore } from '../../chain/store/committed.js';
import { toBin } from '../../chain/store/binkey.js';
import type { ChangeSet } from '../../chain/store/types.js';

const BLOCKS = 7;
const KEEP_RECENT = 10;
const WARMUP = KEEP_RECENT + 1; // untimed blocks until each commit prunes one old version, as in steady state
const WRITES = 1000;
const INSERTS = 100;
const BUILD_BATCH = 100_000;

/** xorshift32, seeded: the same blocks every run. */
function prng(seed: number) {
  let s = seed >>> 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}

// Keys shaped like a module's: prefix byte ‖ 20-byte address ‖ denom.
function key(i: number): string {
  const b = Buffer.alloc(1 + 20 + 4);
  b[0] = 0x02;
  b.writeUInt32BE(i, 1);
  b.writeUInt32BE(Math.imul(i, 2654435761) >>> 0, 5);
  b.write('uaic', 21, 'latin1');
  return toBin(b);
}

function value(i: number, salt: number): Uint8Array {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(i, 0);
  b.writeUInt32BE(salt, 12);
  return b;
}

interface Row {
  keys: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  buildS: number;
}

async function measure(keys: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-bench-store-'));
  const store = await CommitStore.open(dir, { keepRecent: KEEP_RECENT });
  try {
    let version = 0n;
    const t0 = performance.now();
    for (let start = 0; start < keys; start += BUILD_BATCH) {
      const ch: ChangeSet = new Map();
      for (let i = start; i < Math.min(keys, start + BUILD_BATCH); i++) ch.set(key(i), value(i, 0));
      await store.commit(await store.stage(ch, ++version));
    }
    await store.prune(version); // the build's huge stale sets are not a block's work
    const buildS = (performance.now() - t0) / 1000;
    const rand = prng(0x5eed + keys);
    let next = keys;
    const times: number[] = [];
    for (let b = 0; b < WARMUP + BLOCKS; b++) {
      const ch: ChangeSet = new Map();
      while (ch.size < WRITES - INSERTS) {
        const i = rand(keys);
        ch.set(key(i), value(i, b + 1));
      }
      for (let j = 0; j < INSERTS; j++) {
        ch.set(key(next), value(next, b + 1));
        next++;
      }
      const t = performance.now();
      await store.commit(await store.stage(ch, ++version));
      if (b >= WARMUP) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { keys, medianMs: times[times.length >> 1], minMs: times[0], maxMs: times[times.length - 1], buildS };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const small = await measure(10_000);
  const large = await measure(1_000_000);
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(
    `\nstore commit: stage + commit (incl. pruning, keepRecent ${KEEP_RECENT}) of a ${WRITES}-write block (${WRITES - INSERTS} updates, ${INSERTS} inserts), median of ${BLOCKS} after ${WARMUP} warm-up blocks`,
  );
  console.log('| state keys | median ms |  min ms  |  max ms  | build s | ratio vs 10k |');
  console.log('| ---------- | --------- | -------- | -------- | ------- | ------------ |');
  for (const r of [small, large]) {
    console.log(
      `| ${String(r.keys).padStart(10)} | ${fmt(r.medianMs)}  | ${fmt(r.minMs)} | ${fmt(r.maxMs)} | ${r.buildS.toFixed(1).padStart(7)} | ${(r.medianMs / small.medianMs).toFixed(2).padStart(12)} |`,
    );
  }
  const ratio = large.medianMs / small.medianMs;
  console.log(`1M/10k ratio ${ratio.toFixed(2)} (target <= 2): ${ratio <= 2 ? 'OK' : 'OVER TARGET'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
