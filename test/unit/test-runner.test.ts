// The test runner (test/run.ts) on its fixtures (test/fixtures/runner), two files at a time: each file's output is
// printed whole under a header with its time and counts, a crash counts as one failure, and the last line is the one
// CI reads.
import test from 'tape';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;

test('the runner holds each file\'s output, counts a crash as one failure, and ends with "N passed, N failed"', async (t) => {
  const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/run.ts'], {
    cwd: root,
    env: { ...process.env, TEST_DIR: 'test/fixtures/runner', TEST_JOBS: '2' },
  }).catch((e: { stdout: string; code: number }) => e);
  const out = r.stdout;
  t.equal('code' in r ? r.code : 0, 1, 'exits 1 when something failed');
  t.equal(
    out.trimEnd().split('\n').at(-1),
    '5 passed, 3 failed',
    'last line: 3 + 1 + 1 passed; 2 failed, and the crash (no failed assertion) counts as 1',
  );

  const blocks = out.split('\n# ===== ').slice(1);
  t.equal(blocks.length, 3, 'one block per file');
  for (const name of ['pass', 'fail', 'crash']) {
    const block = blocks.find((b) => b.startsWith(`test/fixtures/runner/${name}.test.ts (`));
    t.ok(block, `${name}: has a block`);
    t.ok(
      /^\S+ \(\d+\.\d s, \d+ passed, \d+ failed/.test(block ?? ''),
      `${name}: its header gives the wall time and counts`,
    );
    const others = ['pass', 'fail', 'crash'].filter((n) => n !== name);
    t.ok(
      others.every((o) => !block?.split('# slowest files')[0]!.includes(`${o}-fixture`)),
      `${name}: no other file's lines inside its block`,
    );
  }
  t.ok(
    blocks.find((b) => b.startsWith('test/fixtures/runner/crash'))?.includes('crash-fixture on stderr'),
    "the crash's stderr is in its block",
  );
  t.ok(/exited with code 3 without a failed assertion/.test(out), 'the crash is named');
  t.ok(
    /# slowest files:\n(#\s+\d+\.\d s\s+test\/fixtures\/runner\/\w+\.test\.ts\n){3}/.test(out),
    'the slowest files are listed',
  );
  t.ok(/# failing files:\n#\s+test\/fixtures\/runner\/(fail|crash)/.test(out), 'the failing files are listed');
});
