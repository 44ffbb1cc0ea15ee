// The consensus engine in a worker thread (native/onnx-worker.mjs): a validator's own inference in ExtendVote runs off the
// thread that serves the ABCI connections, so Flush, CheckTx and Query keep being answered while it runs. The same
// pinned engine and runner as in-process, so the same bits (DESIGN §6). Model bytes cross once per model id. The
// worker is referenced only while a run is pending, so an idle one never keeps the process alive.
import { Worker } from 'node:worker_threads';
import type { RunResult, RunnerModel } from './runner.js';
import type { TensorInput } from './tensor.js';

interface Pending {
  resolve(r: RunResult | RunResult[]): void;
  reject(e: Error): void;
}
type Model = { id: string; scaleBits: number; bytes: () => Uint8Array };

export class RunnerThread {
  private worker?: Worker;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly sent = new Set<string>();

  private start(): Worker {
    const w = new Worker(new URL('../onnx-worker.mjs', import.meta.url));
    w.on('message', (m: { id?: number; result?: RunResult; results?: RunResult[]; error?: string }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (m.error !== undefined) p.reject(new Error(`runner thread: ${m.error}`));
      else p.resolve(m.results ?? m.result!);
    });
    const fail = (e: Error) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      this.worker = undefined;
      this.sent.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`runner thread exited (code ${code})`)));
    w.unref();
    return w;
  }

  /** One run on the consensus engine in the worker; rejects only when the thread itself fails (an environment error). */
  run(model: Model, inputs: TensorInput[]): Promise<RunResult> {
    return this.post(model, { inputs }) as Promise<RunResult>;
  }

  /** Several tasks of one model through the runner's runBatch: each gets the result a single run would give. */
  runBatch(model: Model, batch: TensorInput[][]): Promise<RunResult[]> {
    return this.post(model, { batch }) as Promise<RunResult[]>;
  }

  private post(model: Model, job: { inputs: TensorInput[] } | { batch: TensorInput[][] }) {
    const w = (this.worker ??= this.start());
    const id = this.next++;
    const first = !this.sent.has(model.id);
    this.sent.add(model.id);
    const msg: { id: number; model: Omit<RunnerModel, 'bytes'> & { bytes?: Uint8Array } } = {
      id,
      model: { id: model.id, scaleBits: model.scaleBits, bytes: first ? model.bytes() : undefined },
      ...job,
    };
    return new Promise<RunResult | RunResult[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
