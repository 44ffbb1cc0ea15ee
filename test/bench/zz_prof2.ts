import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommitStore } from '../../chain/store/committed.js';
import { toBin } from '../../chain/store/bytes.js';
const N = Number(process.argv[2] ?? 10000);
const B = Number(process.argv[3] ?? 40);
function key(i: number): string { const b = Buffer.alloc(25); b[0] = 2; b.writeUInt32BE(i, 1); b.writeUInt32BE(Math.imul(i, 2654435761) >>> 0, 5); b.write('uaic', 21, 'latin1'); return toBin(b); }
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const s = await CommitStore.open(dir, { keepRecent: 10 });
let v = 0n;
for (let st = 0; st < N; st += 100000) {
  const ch = new Map<string, Uint8Array | null>();
  for (let i = st; i < Math.min(N, st + 100000); i++) ch.set(key(i), Buffer.alloc(16, i & 255));
  await s.commit(await s.stage(ch, ++v));
}
let seed = 7; let tS = 0, tC = 0;
for (let b = 0; b < B; b++) {
  const ch = new Map<string, Uint8Array | null>();
  while (ch.size < 1000) { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; ch.set(key(seed % N), Buffer.alloc(16, b)); }
  let t = performance.now();
  const sg = await s.stage(ch, ++v);
  tS += performance.now() - t; t = performance.now();
  await s.commit(sg);
  tC += performance.now() - t;
}
console.log('avg stage', (tS / B).toFixed(1), 'commit', (tC / B).toFixed(1));
await s.close(); rmSync(dir, { recursive: true });
