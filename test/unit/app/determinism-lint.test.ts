// The state machine must not read the clock, randomness or floats: scan the consensus code paths for them.
import test from 'tape';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const DIRS = ['modules', 'chain/app', 'chain/tx', 'chain/types', 'chain/store'];
const BANNED: Array<[RegExp, string]> = [
  [/Math\.random\s*\(/, 'Math.random'],
  [/Date\.now\s*\(/, 'Date.now'],
  [/new Date\s*\(\s*\)/, 'new Date()'],
  [/performance\.now\s*\(/, 'performance.now'],
  [/parseFloat\s*\(/, 'parseFloat'],
  [/\.toFixed\s*\(/, 'toFixed'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('no clock, randomness or float parsing in state-machine code', (t) => {
  const hits: string[] = [];
  for (const d of DIRS)
    for (const f of files(join(root, d))) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (line.includes('allow-nondeterminism')) return;
          for (const [re, name] of BANNED) if (re.test(line)) hits.push(`${relative(root, f)}:${i + 1} uses ${name}`);
        });
    }
  t.deepEqual(hits, [], 'no banned calls (mark a deliberate, non-consensus use with an allow-nondeterminism comment)');
  t.end();
});
