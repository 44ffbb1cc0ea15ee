// Runs every test/**/*.test.ts file in its own Node process (tape, TAP output), TEST_JOBS files at a time (default 2).
// Each file's output (stdout and stderr) is held until the file ends and then printed whole under a header with its
// wall time and counts, so parallel files never interleave. Ends with the slowest files and then the line CI counts:
// "N passed, N failed" (tape's assertion counts summed over all files; a crashed, killed or timed-out file counts as
// one failure). Pass file paths or substrings as arguments to run only those files.
//
// Longest files start first (times from the previous run, kept in node_modules/.cache; e2e and integration first on a
// fresh clone), so a slow file does not start last and run alone. A file that keeps every core busy by itself says so
// with a `// test-runner: alone` line and runs before the others, with nothing beside it. A file running longer than
// TEST_TIMEOUT_S (default 600) is killed with everything it started (each file runs in its own process group).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const jobs = Math.max(1, Number(process.env.TEST_JOBS ?? 2) || 1);
const timeoutMs = Math.max(1, Number(process.env.TEST_TIMEOUT_S ?? 600) || 600) * 1000;
// TEST_DIR (repo-relative) runs another tree's *.test.ts files, e.g. the runner's own fixtures; only the default
// tree's times are kept.
const testDir = process.env.TEST_DIR ?? 'test';
const timesFile = testDir === 'test' ? join(root, 'node_modules/.cache/aichain-test-times.json') : undefined;

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'bench' && name !== 'fixtures') out.push(...findTests(p));
    } else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function readTimes(): Record<string, number> {
  try {
    return timesFile ? (JSON.parse(readFileSync(timesFile, 'utf8')) as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/** Whether a file asks to run with no other file beside it (a `// test-runner: alone` line near its top). */
function runsAlone(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    return /^\/\/ test-runner: alone\b/m.test(head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString());
  } finally {
    closeSync(fd);
  }
}

interface FileResult {
  rel: string;
  pass: number;
  fail: number;
  ms: number;
  note: string;
}

const running = new Set<ChildProcess>();
/** Kills a file's whole process group (the test and any node or worker it started). */
function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function runFile(file: string): Promise<FileResult> {
  return new Promise((resolve) => {
    const rel = relative(root, file);
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child);
    const chunks: Buffer[] = [];
    let pass = 0,
      fail = 0,
      line = '',
      note = '',
      done = false;
    child.stdout!.on('data', (d: Buffer) => {
      chunks.push(d);
      line += d.toString();
      let i;
      while ((i = line.indexOf('\n')) >= 0) {
        const l = line.slice(0, i);
        line = line.slice(i + 1);
        if (/^ok \d+/.test(l)) pass++;
        else if (/^not ok \d+/.test(l)) fail++;
      }
    });
    child.stderr!.on('data', (d: Buffer) => chunks.push(d));
    const timer = setTimeout(() => {
      note = `killed after ${timeoutMs / 1000} s, the TEST_TIMEOUT_S limit`;
      killGroup(child);
    }, timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      running.delete(child);
      if (code !== 0 && fail === 0) {
        // crashed or exited non-zero without a reported failure
        fail = 1;
        if (!note) note = signal ? `killed by ${signal}` : `exited with code ${code} without a failed assertion`;
      }
      const ms = performance.now() - started;
      const out = Buffer.concat(chunks).toString();
      process.stdout.write(
        `\n# ===== ${rel} (${seconds(ms)}, ${pass} passed, ${fail} failed${note ? `; ${note}` : ''})\n`
          + out
          + (out.endsWith('\n') || !out ? '' : '\n'),
      );
      resolve({ rel, pass, fail, ms, note });
    };
    // 'close' waits for the output pipes; if something the file started keeps them open after it exits, stop it.
    child.on('exit', (code, signal) => {
      setTimeout(() => {
        if (!done) {
          killGroup(child);
          finish(code, signal);
        }
      }, 5000).unref();
    });
    child.on('close', (code, signal) => finish(code, signal));
    child.on('error', (e) => {
      note = `could not start: ${e.message}`;
      finish(1, null);
    });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const minutes = (ms: number) =>
  `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    for (const c of running) killGroup(c);
    process.exit(130);
  });
}

const filters = process.argv.slice(2);
const all = findTests(join(root, testDir));
// Filters match the repo-relative path, so a checkout under a folder named like a filter doesn't select every file.
const files = all.filter((f) => !filters.length || filters.some((s) => relative(root, f).includes(s)));
if (!files.length)
  process.stdout.write(`# no test file matches ${filters.map((f) => JSON.stringify(f)).join(' or ')}\n`);
const previous = readTimes();
const guess = (rel: string) =>
  previous[rel] ?? (rel.startsWith('test/e2e/') ? 60_000 : rel.startsWith('test/integration/') ? 30_000 : 0);
const ordered = files.map((f) => relative(root, f)).sort((a, b) => guess(b) - guess(a));
const alone = ordered.filter((rel) => runsAlone(join(root, rel)));
const queue = ordered.filter((rel) => !alone.includes(rel));

const started = performance.now();
const results: FileResult[] = [];
for (const rel of alone) results.push(await runFile(join(root, rel)));
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) results.push(await runFile(join(root, rel)));
  }),
);
const wall = performance.now() - started;

if (timesFile) {
  try {
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    const times = { ...previous, ...Object.fromEntries(results.map((r) => [r.rel, Math.round(r.ms)])) };
    const exists = new Set(all.map((f) => relative(root, f)));
    writeFileSync(
      timesFile,
      JSON.stringify(Object.fromEntries(Object.entries(times).filter(([f]) => exists.has(f))), null, 1),
    );
  } catch {
    /* no cache: next run orders by guess */
  }
}

const passed = results.reduce((s, r) => s + r.pass, 0),
  failed = results.reduce((s, r) => s + r.fail, 0);
const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 10);
const sum = results.reduce((s, r) => s + r.ms, 0);
if (slowest.length)
  process.stdout.write(
    `\n# slowest files:\n${slowest.map((r) => `#   ${seconds(r.ms).padStart(8)}  ${r.rel}`).join('\n')}\n`,
  );
process.stdout.write(
  `# ${results.length} file${results.length === 1 ? '' : 's'} in ${minutes(wall)} with ${jobs} job${jobs === 1 ? '' : 's'} (files' own times add up to ${minutes(sum)})\n`,
);
const failedFiles = results.filter((r) => r.fail).map((r) => `#   ${r.rel}${r.note ? ` (${r.note})` : ''}`);
if (failedFiles.length) process.stdout.write(`\n# failing files:\n${failedFiles.join('\n')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
