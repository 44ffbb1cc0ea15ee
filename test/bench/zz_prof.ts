import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommitStore } from '../../chain/store/committed.js';
import { toBin } from '../../chain/store/bytes.js';
const N = Number(process.argv[2] ?? 200000);
const keep = Number(process.argv[3] ?? 10);
function key(i: number): string { const b = Buffer.alloc(25); b[0] = 2; b.writeUInt32BE(i, 1); b.writeUInt32BE(Math.imul(i, 2654435761) >>> 0, 5); b.write('uaic', 21, 'latin1'); return toBin(b); }
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const s = await CommitStore.open(dir, { keepRecent: keep });
let v = 0n;
for (let st = 0; st < N; st += 100000) {
  const ch = new Map<string, Uint8Array | null>();
  for (let i = st; i < Math.min(N, st + 100000); i++) ch.set(key(i), Buffer.alloc(16, i & 255));
  let t = performance.now();
  const sg = await s.stage(ch, ++v);
  const ts = performance.now() - t; t = performance.now();
  await s.commit(sg);
  console.log('build batch', st, 'stage', ts.toFixed(0), 'commit', (performance.now() - t).toFixed(0), 'puts', sg.batch.puts.length, 'stale', sg.batch.stale.length);
}
let seed = 7;
for (let b = 0; b < 5; b++) {
  const ch = new Map<string, Uint8Array | null>();
  while (ch.size < 1000) { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; ch.set(key(seed % N), Buffer.alloc(16, b)); }
  let t = performance.now();
  const sg = await s.stage(ch, ++v);
  const ts = performance.now() - t; t = performance.now();
  await s.commit(sg);
  console.log('block', b, 'stage', ts.toFixed(1), 'commit', (performance.now() - t).toFixed(1), 'puts', sg.batch.puts.length, 'stale', sg.batch.stale.length);
}
await s.close(); rmSync(dir, { recursive: true });
