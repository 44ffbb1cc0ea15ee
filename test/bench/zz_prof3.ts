import { existsSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { CommitStore } from '../../chain/store/committed.js';
import { toBin } from '../../chain/store/bytes.js';
const N = Number(process.argv[2] ?? 1000000);
const dir = process.argv[3] ?? '/tmp/bench1m';
const cache = Number(process.argv[4] ?? 200000);
let gcMs = 0;
new PerformanceObserver((l) => { for (const e of l.getEntries()) gcMs += e.duration; }).observe({ entryTypes: ['gc'] });
function key(i: number): string { const b = Buffer.alloc(25); b[0] = 2; b.writeUInt32BE(i, 1); b.writeUInt32BE(Math.imul(i, 2654435761) >>> 0, 5); b.write('uaic', 21, 'latin1'); return toBin(b); }
const fresh = !existsSync(dir);
let t = performance.now();
const s = await CommitStore.open(dir, { keepRecent: 10, nodeCacheSize: cache });
console.log('open', (performance.now() - t).toFixed(0), 'ms, version', s.version, 'keys', s.state.size);
let v = s.version;
if (fresh) {
  for (let st = 0; st < N; st += 100000) {
    const ch = new Map<string, Uint8Array | null>();
    for (let i = st; i < Math.min(N, st + 100000); i++) ch.set(key(i), Buffer.alloc(16, i & 255));
    await s.commit(await s.stage(ch, ++v));
  }
  await s.prune(v);
  console.log('built', (performance.now() - t).toFixed(0));
}
let seed = Number(v) * 7 + 1;
for (let b = 0; b < 24; b++) {
  const ch = new Map<string, Uint8Array | null>();
  while (ch.size < 1000) { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; ch.set(key(seed % N), Buffer.alloc(16, b)); }
  const m0 = s.treeStats.misses, l0 = s.treeStats.lookups, g0 = gcMs;
  let t = performance.now();
  const sg = await s.stage(ch, ++v);
  const ts = performance.now() - t; t = performance.now();
  await s.commit(sg);
  if (b >= 10) console.log('block', b, 'stage', ts.toFixed(1), 'commit', (performance.now() - t).toFixed(1), 'lookups', s.treeStats.lookups - l0, 'misses', s.treeStats.misses - m0, 'gc', (gcMs - g0).toFixed(1), 'puts', sg.batch.puts.length);
}
await s.close();
