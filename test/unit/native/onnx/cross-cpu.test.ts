// The cross-CPU check of DESIGN §6, in CI: the same Node binary runs the cases under qemu-user as a Haswell (AVX2 +
// FMA), a SandyBridge (AVX, no FMA) and a Nehalem (SSE4.2) CPU, which makes onnxruntime-node's kernel dispatcher pick
// that CPU's kernels. The consensus engine must give the host's canonical outputs bit for bit on all three; the native
// engine must differ on at least one (else this test could not tell the engines apart). A Conroe (no SSE4.1) cannot
// run WebAssembly SIMD: the consensus engine must refuse to start there. Needs `qemu-x86_64` (Debian `qemu-user`; .ci/run
// installs it): without it the test fails when CI=true and is skipped, visibly, otherwise.
// test-runner: alone (five processes, four of them emulated: it keeps every core busy by itself)
import test from 'tape';
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CaseOutputs } from './cross-cpu-cases.js';

const child = fileURLToPath(new URL('./cross-cpu-child.ts', import.meta.url));
const CPUS = ['Haswell', 'SandyBridge', 'Nehalem'] as const;
const TIMEOUT_MS = 240_000;
const exec = promisify(execFile);

type ChildOut = Partial<Record<'consensus' | 'native', CaseOutputs | { error: string }>>;

async function runChild(cpu: string | undefined, engines: string[]): Promise<ChildOut> {
  const nodeArgs = ['--import', 'tsx', child, ...engines];
  const [cmd, args] = cpu
    ? ['qemu-x86_64', ['-cpu', cpu, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const { stdout } = await exec(cmd, args, { cwd: process.cwd(), timeout: TIMEOUT_MS, maxBuffer: 64 << 20 });
  return JSON.parse(stdout.trim()) as ChildOut;
}

const outputs = (x: ChildOut[keyof ChildOut]): CaseOutputs => {
  if (!x || 'error' in x) throw new Error(`engine did not start: ${(x as { error?: string } | undefined)?.error}`);
  return x as CaseOutputs;
};

/** Elements that differ between two runs of the same cases. */
function differing(a: CaseOutputs, b: CaseOutputs): number {
  let d = 0;
  for (const k of Object.keys(a))
    a[k].forEach((r, i) =>
      r.forEach((v, j) => {
        if (v !== b[k]?.[i]?.[j]) d++;
      }),
    );
  return d;
}

const qemu = spawnSync('qemu-x86_64', ['--version'], { encoding: 'utf8' });
const haveQemu = qemu.status === 0;

test("cross-CPU: the consensus engine gives the host's bits on Haswell, SandyBridge and Nehalem; native does not", async (t) => {
  if (!haveQemu) {
    const why = `qemu-x86_64 is not installed (${qemu.error?.message ?? qemu.stderr}); install the Debian package qemu-user`;
    if (process.env.CI === 'true') t.fail(`CI=true but ${why}`);
    else t.skip(`SKIPPED cross-CPU check: ${why}`);
    return;
  }
  const started = performance.now();
  const [host, conroe, ...emulated] = await Promise.all([
    runChild(undefined, ['consensus', 'native']),
    runChild('Conroe', ['consensus']),
    ...CPUS.map((cpu) => runChild(cpu, ['consensus', 'native'])),
  ]);
  const hostC = outputs(host.consensus),
    hostN = outputs(host.native);
  const names = Object.keys(hostC);
  t.deepEqual(names, ['iris-mlp', 'regressor', 'mlp-256-512-512-10', 'cnn'], 'four models');
  const errors = names.flatMap((k) => hostC[k].filter((r) => r[0].startsWith('error')));
  t.equal(errors.length, 0, "the host's consensus results are all values, no error results");
  const nativeDiffs: string[] = [];
  let anyNativeDiff = false;
  CPUS.forEach((cpu, i) => {
    const c = outputs(emulated[i].consensus);
    for (const k of names) {
      const n = hostC[k].reduce((a, r) => a + r.length, 0);
      t.deepEqual(
        c[k],
        hostC[k],
        `${cpu}: ${k}: consensus = host, all ${hostC[k].length} results (${n} canonical values at scale 2^30)`,
      );
    }
    const d = differing(hostN, outputs(emulated[i].native));
    nativeDiffs.push(`${cpu} ${d}`);
    if (d > 0) anyNativeDiff = true;
  });
  const total = names.reduce((a, k) => a + hostN[k].reduce((b, r) => b + r.length, 0), 0);
  t.ok(
    anyNativeDiff,
    `the native engine differs from the host on some CPU (elements differing of ${total}: ${nativeDiffs.join(', ')})`,
  );
  const refused = conroe.consensus as { error?: string } | undefined;
  t.ok(
    refused?.error && /^OnnxEnvironmentError: .*cannot run WebAssembly SIMD/.test(refused.error),
    `Conroe (no SSE4.1): the consensus engine refuses to start (${refused?.error?.slice(0, 90)}…)`,
  );
  t.comment(`cross-CPU check took ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
