// A validator's ExtendVote runner on an emulated CPU (qemu-user): the consensus engine in a child process run as
// `qemu-x86_64 -cpu MODEL node …`, so a testnet validator can report from, say, a Nehalem (SSE4.2, no AVX) while
// the others run on the host — an honest validator must never be faulted for its hardware (DESIGN §6).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { BatchModelRunner } from '../../chain/app/modules.js';
import type { Tensor } from '../../proto/gen/aichain/tasks/v1/types.js';

const child = fileURLToPath(new URL('./emulated-runner-child.ts', import.meta.url));

export const qemuAvailable = (): { ok: boolean; why: string } => {
  const r = spawnSync('qemu-x86_64', ['--version'], { encoding: 'utf8' });
  return { ok: r.status === 0, why: r.error?.message ?? r.stderr ?? '' };
};

type Answer = { id: number; results?: unknown[]; error?: string };

export function emulatedRunner(cpu: string): BatchModelRunner & { runs: number } {
  let proc: ChildProcess | undefined;
  let ready: Promise<void> | undefined;
  let next = 1;
  const pending = new Map<number, (a: Answer) => void>();
  const sent = new Set<string>();
  const start = () => {
    proc = spawn('qemu-x86_64', ['-cpu', cpu, process.execPath, '--import', 'tsx', child], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    ready = new Promise((resolve, reject) => {
      proc!.once('exit', (code) => reject(new Error(`emulated runner exited (code ${code})`)));
      createInterface({ input: proc!.stdout! }).on('line', (line) => {
        const m = JSON.parse(line) as Answer & { ready?: boolean };
        if (m.ready) return resolve();
        pending.get(m.id)?.(m);
        pending.delete(m.id);
      });
    });
    return ready;
  };
  const toJson = (t: Tensor) => ({
    dtype: t.dtype,
    shape: t.shape.map(Number),
    data: Buffer.from(t.data).toString('base64'),
  });
  const runner: BatchModelRunner & { runs: number } = {
    runs: 0,
    async runBatch(model, batch) {
      await (ready ?? start());
      const id = next++;
      const first = !sent.has(model.id);
      sent.add(model.id);
      const job = {
        id,
        model: {
          id: model.id,
          scaleBits: model.scaleBits,
          bytes: first ? Buffer.from(model.bytes()).toString('base64') : undefined,
        },
        batch: batch.map((inputs) => inputs.map(toJson)),
      };
      const a = await new Promise<Answer>((resolve) => {
        pending.set(id, resolve);
        proc!.stdin!.write(JSON.stringify(job) + '\n');
      });
      if (a.error) throw new Error(`emulated runner: ${a.error}`);
      runner.runs += batch.length;
      return (
        a.results as Array<{
          ok: boolean;
          code?: string;
          message?: string;
          output?: { tensors: Array<{ name: string; dtype: string; shape: number[] }>; values: string[] };
        }>
      ).map((r) =>
        r.ok
          ? {
              ok: true as const,
              output: {
                tensors: r.output!.tensors.map((x) => ({ name: x.name, dtype: x.dtype, shape: x.shape.map(BigInt) })),
                values: r.output!.values.map(BigInt),
              },
            }
          : { ok: false as const, code: r.code!, message: r.message ?? '' },
      );
    },
    async run(model, inputs) {
      return (await runner.runBatch(model, [inputs]))[0];
    },
    async close() {
      proc?.stdin?.end();
      proc?.kill();
    },
  };
  return runner;
}
