import * as crypto from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
const buf = new Uint8Array(65); buf[0] = 1;
const N = 300000;
for (let r = 0; r < 2; r++) {
  let t = performance.now(); let keep: Uint8Array[] = [];
  for (let i = 0; i < N; i++) { buf[5] = i; const h = crypto.hash('sha256', buf, 'buffer'); if (i % 10 === 0) keep.push(h); }
  console.log('crypto.hash', ((performance.now() - t) / N * 1000).toFixed(0), 'ns');
  t = performance.now(); keep = [];
  for (let i = 0; i < N; i++) { buf[5] = i; const h = crypto.createHash('sha256').update(buf).digest(); if (i % 10 === 0) keep.push(h); }
  console.log('createHash', ((performance.now() - t) / N * 1000).toFixed(0), 'ns');
  t = performance.now(); keep = [];
  for (let i = 0; i < N; i++) { buf[5] = i; const h = sha256(buf); if (i % 10 === 0) keep.push(h); }
  console.log('noble', ((performance.now() - t) / N * 1000).toFixed(0), 'ns');
  t = performance.now(); keep = [];
  for (let i = 0; i < N; i++) { const h = new Uint8Array(147); h[3] = i; if (i % 10 === 0) keep.push(h); }
  console.log('alloc147', ((performance.now() - t) / N * 1000).toFixed(0), 'ns');
  t = performance.now(); keep = [];
  let slab = new Uint8Array(65536), pos = 0;
  for (let i = 0; i < N; i++) { if (pos + 147 > slab.length) { slab = new Uint8Array(65536); pos = 0; } const h = slab.subarray(pos, pos += 147); h[3] = i; if (i % 10 === 0) keep.push(h); }
  console.log('slab147', ((performance.now() - t) / N * 1000).toFixed(0), 'ns');
}
