// A worker_threads pool that verifies batches of secp256k1 signatures across cores. Each chunk travels as one packed,
// transferred ArrayBuffer (see verify-worker.mjs for the layout); small batches are verified inline, where posting
// a message would cost more than the work.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createVerifier, type Secp256k1Backend, type Secp256k1Verifier } from './secp256k1.js';
import { wellFormed } from './secp256k1-backends.mjs';
import { silentLogger, type Logger } from '../chain/logger.js';

export interface VerifyItem {
  msgHash: Uint8Array;
  sig: Uint8Array;
  pubKey: Uint8Array;
}

export interface VerifyPoolOptions {
  /** Worker count; default os.availableParallelism(). */
  size?: number;
  /** Batches shorter than this are verified on the calling thread. Default 16. */
  inlineBelow?: number;
  /** Smallest chunk sent to one worker. Default 64. */
  minChunk?: number;
  prefer?: 'native' | 'js';
  logger?: Logger;
  /** Worker entry; default ./verify-worker.mjs (tests point it elsewhere). */
  workerUrl?: URL;
}

export class VerifyPoolError extends Error {
  constructor(
    readonly code: 'POOL_CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'VerifyPoolError';
  }
}

const RECORD = 130; // flag ‖ msgHash(32) ‖ sig(64) ‖ pubKey(33)
const WORKER_URL = new URL('./verify-worker.mjs', import.meta.url);

interface Job {
  items: VerifyItem[];
  resolve(out: boolean[]): void;
}
interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  backend?: Secp256k1Backend;
  ready: boolean;
}

function pack(items: VerifyItem[]): ArrayBuffer {
  const u8 = new Uint8Array(items.length * RECORD);
  for (let i = 0; i < items.length; i++) {
    const { msgHash, sig, pubKey } = items[i];
    if (!wellFormed(msgHash, sig, pubKey)) continue; // flag stays 0: answered false without touching the curve
    const o = i * RECORD;
    u8[o] = 1;
    u8.set(msgHash, o + 1);
    u8.set(sig, o + 33);
    u8.set(pubKey, o + 97);
  }
  return u8.buffer;
}

export class VerifyPool {
  readonly size: number;
  private readonly inlineBelow: number;
  private readonly minChunk: number;
  private readonly prefer: 'native' | 'js';
  private readonly log: Logger;
  private readonly workerUrl: URL;
  private readonly inline: Secp256k1Verifier;
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(opts: VerifyPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
    this.inlineBelow = opts.inlineBelow ?? 16;
    this.minChunk = Math.max(1, opts.minChunk ?? 64);
    this.prefer = opts.prefer ?? 'native';
    this.log = opts.logger ?? silentLogger;
    this.workerUrl = opts.workerUrl ?? WORKER_URL;
    this.inline = createVerifier(this.prefer, this.log);
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  /** The backend each worker reported once started (undefined until its first message). */
  get workerBackends(): Array<Secp256k1Backend | undefined> {
    return this.slots.map((s) => s.backend);
  }

  /** PERF: ~1 native verify per item, spread over `size` threads; plus 130 bytes copied per item. */
  async verifyBatch(items: VerifyItem[]): Promise<boolean[]> {
    if (this.closed) throw new VerifyPoolError('POOL_CLOSED', 'verify pool is closed');
    if (items.length < this.inlineBelow) return this.verifyInline(items);
    const chunks = Math.min(this.size, Math.ceil(items.length / this.minChunk));
    const per = Math.ceil(items.length / chunks);
    const parts: Array<Promise<boolean[]>> = [];
    for (let start = 0; start < items.length; start += per) parts.push(this.dispatch(items.slice(start, start + per)));
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    // Anything still queued is answered inline, so no caller is left hanging.
    for (const s of slots) for (const job of s.jobs.values()) job.resolve(this.verifyInline(job.items));
  }

  private verifyInline(items: VerifyItem[]): boolean[] {
    return items.map((it) => this.inline.verify(it.msgHash, it.sig, it.pubKey));
  }

  private dispatch(items: VerifyItem[]): Promise<boolean[]> {
    if (this.slots.length === 0) return Promise.resolve(this.verifyInline(items)); // every worker failed to start
    // Least-loaded worker: concurrent batches queue behind each other fairly.
    let slot = this.slots[0];
    for (const s of this.slots) if (s.jobs.size < slot.jobs.size) slot = s;
    const id = this.nextId++;
    return new Promise<boolean[]>((resolve) => {
      if (slot.jobs.size === 0) slot.worker.ref();
      slot.jobs.set(id, { items, resolve });
      const buf = pack(items);
      slot.worker.postMessage({ id, buf, count: items.length }, [buf]);
    });
  }

  private spawn(): Slot {
    // execArgv: [] keeps tsx (or other loaders) out of the worker: its entry is plain JS.
    const worker = new Worker(this.workerUrl, { workerData: { prefer: this.prefer }, execArgv: [] });
    const slot: Slot = { worker, jobs: new Map(), ready: false };
    worker.unref(); // an idle pool must not keep the process alive; ref'd while it has jobs
    worker.on(
      'message',
      (m: {
        type: string;
        id?: number;
        out?: ArrayBuffer;
        backend?: Secp256k1Backend;
        loadError?: string;
        error?: string;
      }) => {
        if (m.type === 'ready') {
          slot.backend = m.backend;
          slot.ready = true;
          if (m.loadError) this.log.warn('verify-pool: worker fell back to noble', { error: m.loadError });
          return;
        }
        const job = slot.jobs.get(m.id!);
        if (!job) return;
        slot.jobs.delete(m.id!);
        if (slot.jobs.size === 0) worker.unref();
        if (m.type === 'result') {
          const out = new Uint8Array(m.out!);
          job.resolve(Array.from(out, (b) => b === 1));
        } else {
          this.log.error('verify-pool: worker failed a chunk; verified inline instead', { error: m.error });
          job.resolve(this.verifyInline(job.items));
        }
      },
    );
    const onDeath = (why: unknown) => {
      if (this.closed) return;
      const i = this.slots.indexOf(slot);
      if (i < 0) return; // already handled ('error' and 'exit' both fire)
      if (slot.ready) {
        this.log.error('verify-pool: worker died; respawning it and verifying its chunks inline', {
          error: String(why),
        });
        this.slots[i] = this.spawn();
      } else {
        // Died before starting (e.g. its entry file cannot load): respawning would only loop. Fewer workers it is.
        this.log.error('verify-pool: worker failed to start; continuing without it', { error: String(why) });
        this.slots.splice(i, 1);
      }
      for (const job of slot.jobs.values()) job.resolve(this.verifyInline(job.items));
      slot.jobs.clear();
    };
    worker.on('error', onDeath);
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
    return slot;
  }
}

export function createVerifyPool(opts?: VerifyPoolOptions): VerifyPool {
  return new VerifyPool(opts);
}
