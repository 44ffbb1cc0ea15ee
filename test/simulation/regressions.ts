// The committed list of seeds that once failed (test/simulation/regressions.json): they run before any other seed,
// always. A new failure is appended with its block count and the first line of what went wrong; commit the file.
import { readFileSync, writeFileSync } from 'node:fs';

export interface Regression {
  seed: number;
  blocks: number;
  found: string;
  what: string;
}

export const REGRESSIONS_PATH = new URL('./regressions.json', import.meta.url);

export function loadRegressions(): Regression[] {
  const list = JSON.parse(readFileSync(REGRESSIONS_PATH, 'utf8')) as unknown;
  if (!Array.isArray(list)) throw new Error('test/simulation/regressions.json must be a JSON array');
  return list.map((x, i) => {
    const r = x as Partial<Regression>;
    if (!Number.isSafeInteger(r.seed) || !Number.isSafeInteger(r.blocks))
      throw new Error(`regressions.json entry ${i} needs integer seed and blocks`);
    return { seed: r.seed!, blocks: r.blocks!, found: String(r.found ?? ''), what: String(r.what ?? '') };
  });
}

/** Appends a failing seed (blocks: up to the failing block) unless it is already listed with at least as many. Returns true if added. */
export function recordRegression(seed: number, blocks: number, what: string): boolean {
  const list = loadRegressions();
  if (list.some((r) => r.seed === seed && r.blocks >= blocks)) return false;
  list.push({ seed, blocks, found: new Date().toISOString().slice(0, 10), what: what.split('\n')[0].slice(0, 300) });
  writeFileSync(REGRESSIONS_PATH, `${JSON.stringify(list, null, 2)}\n`);
  return true;
}

/** The one-line command that replays a seed. */
export const reproCommand = (seed: number, blocks: number) =>
  `SIM_SEED=${seed} SIM_BLOCKS=${blocks} node --import tsx test/simulation/cross-module.test.ts`;
