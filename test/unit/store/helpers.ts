// Shared bits for the store tests: a seeded PRNG (never Math.random), byte helpers, temp dirs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeSet } from '../../../chain/store/types.js';
import { toBin } from '../../../chain/store/binkey.js';

/** xorshift32: deterministic, seeded. */
export function prng(seed: number): { int(n: number): number; chance(p: number): boolean } {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return {
    int: (n) => next() % n,
    chance: (p) => next() % 1_000_000 < p * 1_000_000,
  };
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array | undefined): string | undefined =>
  b === undefined ? undefined : new TextDecoder().decode(b);
export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

export function tempDir(tag: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `aichain-${tag}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A change set from readable pairs (null = delete). */
export function changeSet(pairs: Array<[string, string | null]>): ChangeSet {
  const m: ChangeSet = new Map();
  for (const [k, v] of pairs) m.set(toBin(enc(k)), v === null ? null : enc(v));
  return m;
}

/** Applies a change set to a plain model map (binary-string key -> value). */
export function applyToModel(model: Map<string, Uint8Array>, ch: ChangeSet): void {
  for (const [k, v] of ch) {
    if (v === null) model.delete(k);
    else model.set(k, v);
  }
}

export function modelEntries(model: Map<string, Uint8Array>): Array<[Uint8Array, Uint8Array]> {
  return [...model].map(([k, v]) => [Buffer.from(k, 'latin1'), v]);
}

/** A random batch over a key space: updates, inserts and deletes. */
export function randomBatch(
  r: ReturnType<typeof prng>,
  keySpace: number,
  size: number,
  delP: number,
  tag: string,
): ChangeSet {
  const ch: ChangeSet = new Map();
  for (let i = 0; i < size; i++) {
    const k = toBin(enc(`key/${r.int(keySpace)}`));
    ch.set(k, r.chance(delP) ? null : enc(`${tag}:${i}:${r.int(1e9)}`));
  }
  return ch;
}

/** The deterministic block the crash test writes at `version` (same in the writer and the checker). */
export function crashBatch(version: number): ChangeSet {
  return randomBatch(prng(version * 7919), 3000, 300, 0.15, `v${version}`);
}
