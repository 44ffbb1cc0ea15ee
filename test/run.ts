// Runs every test/**/*.test.ts file in its own Node process (tape, TAP output), streams the output, and ends with
// the line CI counts: "N passed, N failed" (tape's assertion counts summed over all files; a crashed file counts as
// one failure). Pass file paths or substrings as arguments to run only those files.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'bench' && name !== 'fixtures') out.push(...findTests(p)); }
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = findTests(join(root, 'test')).filter((f) => !filters.length || filters.some((s) => f.includes(s)));
let passed = 0, failed = 0;
const failedFiles: string[] = [];

function runFile(file: string): Promise<void> {
  return new Promise((resolve) => {
    const rel = relative(root, file);
    process.stdout.write(`\n# ===== ${rel}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let pass = 0, fail = 0, buf = '';
    child.stdout.on('data', (d: Buffer) => {
      process.stdout.write(d);
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i); buf = buf.slice(i + 1);
        if (/^ok \d+/.test(line)) pass++;
        else if (/^not ok \d+/.test(line)) fail++;
      }
    });
    child.on('close', (code) => {
      if (code !== 0 && fail === 0) fail = 1; // crashed or exited non-zero without a reported failure
      passed += pass; failed += fail;
      if (fail) failedFiles.push(rel);
      resolve();
    });
  });
}

for (const f of files) await runFile(f);
if (failedFiles.length) process.stdout.write(`\n# failing files:\n${failedFiles.map((f) => `#   ${f}`).join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
