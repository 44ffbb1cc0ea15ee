// The deterministic ONNX runner: validators (ExtendVote), providers and `aichain infer` all run models through it.
// A bad model or input gives a coded error result, the same on every node; only a broken local environment throws.
// One API over two engines (engine.ts): 'consensus' (the default; the same bits on every CPU) and 'native'.
import { sha256 } from '@noble/hashes/sha2.js';
import type * as Ort from 'onnxruntime-node';
import { silentLogger, type Logger } from '../../chain/logger.js';
import { tryCheckModel, DEFAULT_LIMITS, type ModelLimits, type ModelSummary, type IoSpec } from './check.js';
import { checkInput, typedView, DEFAULT_MAX_INPUT_BYTES, type TaskInput, type TensorInput } from './tensor.js';
import { canonicaliseInto, canonicalHash, MAX_SCALE_BITS, validScaleBits, type CanonicalOutput } from './canonical.js';
import { OnnxEnvironmentError, throwIfTrapped } from './errors.js';
import { loadEngine, type Engine, type EngineKind } from './engine.js';
import { GraphBuilder } from './builder.js';
import { BYTES_PER_ELEMENT, isDType, type DType } from './dtypes.js';

export interface RunnerModel {
  /** sha256 hex of the bytes (the chain's model id). Checked against the bytes when the model is first loaded. */
  id: string;
  /** The bytes, or a loader called only on a cache miss. */
  bytes: Uint8Array | (() => Uint8Array);
  scaleBits: number;
}

export type RunResult = { ok: true; output: CanonicalOutput } | { ok: false; code: string; message: string };

/**
 * Result codes (only `code` is consensus data; messages are for people and may name ORT internals):
 * model checks (ModelCheckCode: NOT_ONNX, DISALLOWED_OP, …), inputs (InputErrorCode: BAD_DTYPE, BAD_SHAPE, …),
 * canonicalisation (NON_FINITE, OUT_OF_RANGE, BAD_SCALE), and these.
 */
export type RunnerErrorCode = 'MODEL_LOAD_FAILED' | 'RUN_FAILED' | 'BAD_OUTPUT';

export interface OnnxRunnerOptions {
  /** Default 'consensus': anything compared between machines must come from it (engine.ts, engine-policy.ts). */
  engine?: EngineKind;
  /** Budget for cached sessions, counted in model bytes. Default 256 MiB. */
  maxCacheBytes?: number;
  logger?: Logger;
  /** Checks applied before a model is first loaded. Default DEFAULT_LIMITS. */
  limits?: ModelLimits;
  maxInputBytes?: number;
}

type Entry =
  | {
      ok: true;
      session: Ort.InferenceSession;
      summary: ModelSummary;
      cost: number;
      batchable: boolean;
      busy: number;
      evicted: boolean;
    }
  | { ok: false; code: string; message: string; cost: number };

/** Failed loads are cached too (a hostile model is not re-parsed per task), at a small fixed cost. */
const FAILED_ENTRY_COST = 1024;

type OutArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

const fail = (code: string, message: string): RunResult => ({ ok: false, code, message });
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export class OnnxRunner {
  /** Loaded entries; Map insertion order is the LRU order (least recent first). */
  private readonly ready = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private cachedBytes = 0;
  private closed = false;

  private constructor(
    private readonly engine: Engine,
    private readonly maxCacheBytes: number,
    private readonly limits: ModelLimits,
    private readonly maxInputBytes: number,
    private readonly log: Logger,
  ) {}

  /**
   * Loads the engine's runtime and runs a self-test, which for the consensus engine also compiles the 14 MB
   * WebAssembly module (once per process), so no task pays for it. Throws OnnxEnvironmentError when unusable.
   */
  static async create(opts: OnnxRunnerOptions = {}): Promise<OnnxRunner> {
    const engine = await loadEngine(opts.engine ?? 'consensus');
    const runner = new OnnxRunner(
      engine,
      opts.maxCacheBytes ?? 256 * 1024 * 1024,
      opts.limits ?? DEFAULT_LIMITS,
      opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
      opts.logger ?? silentLogger,
    );
    await selfTest(engine);
    return runner;
  }

  get engineKind(): EngineKind {
    return this.engine.kind;
  }

  /** Number of cached sessions (and cached load failures). */
  get cacheSize(): number {
    return this.ready.size;
  }
  get cacheBytes(): number {
    return this.cachedBytes;
  }
  /** Whether a model id is cached (without touching its LRU position). */
  isCached(id: string): boolean {
    return this.ready.has(id.toLowerCase());
  }

  /** PERF: one session.run plus a copy of input and output; the first call per model also parses and loads it. */
  async run(model: RunnerModel, input: TaskInput): Promise<RunResult> {
    const entry = this.pinReady(model.id.toLowerCase()) ?? (await this.acquire(model));
    if (!entry.ok) return fail(entry.code, entry.message);
    try {
      if (!validScaleBits(model.scaleBits))
        return fail('BAD_SCALE', `scale_bits ${model.scaleBits} is not an integer in 0..${MAX_SCALE_BITS}`);
      const checked = checkInput(entry.summary.inputs, input, this.maxInputBytes);
      if (!checked.ok) return fail(checked.code, checked.message);
      return await this.runChecked(entry, model.scaleBits, checked.tensors);
    } finally {
      this.unpin(entry);
    }
  }

  /**
   * Runs many task inputs of one model. When every input and output has a batch dim, valid inputs go through one
   * session.run along that dim and the outputs are split back per task; otherwise (or if the batched run fails)
   * they run one by one. Each task gets the result a single run would give (tested bit for bit on the reference
   * models; DESIGN §6 measured batch 1 = batch 64 for an MLP and a CNN).
   */
  async runBatch(model: RunnerModel, inputs: TaskInput[]): Promise<RunResult[]> {
    const entry = this.pinReady(model.id.toLowerCase()) ?? (await this.acquire(model));
    if (!entry.ok) return inputs.map(() => fail(entry.code, entry.message));
    try {
      if (!validScaleBits(model.scaleBits))
        return inputs.map(() =>
          fail('BAD_SCALE', `scale_bits ${model.scaleBits} is not an integer in 0..${MAX_SCALE_BITS}`),
        );
      const results: RunResult[] = new Array(inputs.length);
      const good: Array<{ i: number; tensors: TensorInput[]; batch: number }> = [];
      for (let i = 0; i < inputs.length; i++) {
        const c = checkInput(entry.summary.inputs, inputs[i], this.maxInputBytes);
        if (!c.ok) results[i] = fail(c.code, c.message);
        else good.push({ i, tensors: c.tensors, batch: c.batch ?? 1 });
      }
      const joined =
        entry.batchable && good.length > 1 ? await this.runJoined(entry, model.scaleBits, good) : undefined;
      for (let k = 0; k < good.length; k++) {
        results[good[k].i] = joined?.[k] ?? (await this.runChecked(entry, model.scaleBits, good[k].tensors));
      }
      return results;
    } finally {
      this.unpin(entry);
    }
  }

  /** Releases every cached session (each after its in-flight runs). The runner refuses work afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.loading.values()]);
    for (const key of [...this.ready.keys()]) this.drop(key);
  }

  /**
   * The entry for a model, pinned (busy + 1) so eviction cannot release its session mid-run; unpin() when done.
   * Pinning happens synchronously on a ready entry, so no other task can release it in between.
   */
  private async acquire(model: RunnerModel): Promise<Entry> {
    const key = model.id.toLowerCase();
    for (;;) {
      const e = this.pinReady(key);
      if (e) return e;
      let p = this.loading.get(key);
      if (!p) {
        p = this.load(key, model);
        this.loading.set(key, p);
        p.then(
          (loaded) => {
            this.loading.delete(key);
            if (this.closed) {
              if (loaded.ok) void loaded.session.release();
              return;
            }
            this.ready.set(key, loaded);
            this.cachedBytes += loaded.cost;
            this.evict(key);
          },
          () => this.loading.delete(key),
        );
      }
      await p; // an environment failure rejects here and reaches the caller
      // Normally ready now; if a concurrent load already evicted it (cache smaller than two models), load again.
    }
  }

  /** The ready entry for `key`, pinned and moved to the LRU's recent end; undefined when not loaded. */
  private pinReady(key: string): Entry | undefined {
    if (this.closed) throw new Error('OnnxRunner is closed');
    const e = this.ready.get(key);
    if (!e) return undefined;
    if (this.ready.size > 1) {
      this.ready.delete(key);
      this.ready.set(key, e);
    }
    if (e.ok) e.busy++;
    return e;
  }

  private unpin(e: Entry): void {
    if (e.ok && --e.busy === 0 && e.evicted) this.release(e);
  }

  private release(e: Extract<Entry, { ok: true }>): void {
    e.session.release().catch((err: Error) => this.log.warn('onnx session release failed', { err: err.message }));
  }

  /** Least recently used first, until within budget; never the entry just added. */
  private evict(keep: string): void {
    for (const key of [...this.ready.keys()]) {
      if (this.cachedBytes <= this.maxCacheBytes) break;
      if (key !== keep) this.drop(key);
    }
  }

  private drop(key: string): void {
    const e = this.ready.get(key);
    if (!e) return;
    this.ready.delete(key);
    this.cachedBytes -= e.cost;
    if (e.ok) {
      e.evicted = true;
      if (e.busy === 0) this.release(e);
    }
  }

  private async load(key: string, model: RunnerModel): Promise<Entry> {
    const bytes = typeof model.bytes === 'function' ? model.bytes() : model.bytes;
    // The id is the chain's name for these bytes: a mismatch means our copy of state is corrupt, not a bad model.
    if (hex(sha256(bytes)) !== key) throw new OnnxEnvironmentError(`model bytes do not hash to their id ${key}`);
    const checked = tryCheckModel(bytes, this.limits);
    if (!checked.ok) return { ok: false, code: checked.code, message: checked.message, cost: FAILED_ENTRY_COST };
    let session: Ort.InferenceSession;
    try {
      session = await this.engine.ort.InferenceSession.create(bytes, this.engine.sessionOptions());
    } catch (e) {
      throwIfTrapped(e);
      this.log.debug('onnx model failed to load', { model: key, err: (e as Error).message });
      return {
        ok: false,
        code: 'MODEL_LOAD_FAILED',
        message: `ONNX Runtime rejected the model: ${(e as Error).message}`,
        cost: FAILED_ENTRY_COST,
      };
    }
    const s = checked.summary;
    const batchable = [...s.inputs, ...s.outputs].every(
      (io) => io.shape.length >= 1 && typeof io.shape[0] === 'string',
    );
    this.log.debug('onnx model loaded', { model: key, bytes: bytes.length, ops: s.ops.join(',') });
    return { ok: true, session, summary: s, cost: bytes.length, batchable, busy: 0, evicted: false };
  }

  private feeds(summary: ModelSummary, tensors: TensorInput[]): Record<string, Ort.Tensor> {
    const feeds: Record<string, Ort.Tensor> = {};
    summary.inputs.forEach((d, i) => {
      const t = tensors[i];
      feeds[d.name] = new this.engine.ort.Tensor(t.dtype, typedView(t.dtype, t.data), t.shape);
    });
    return feeds;
  }

  private async runChecked(
    entry: Extract<Entry, { ok: true }>,
    scaleBits: number,
    tensors: TensorInput[],
  ): Promise<RunResult> {
    let out: Ort.InferenceSession.ReturnType;
    try {
      out = await entry.session.run(this.feeds(entry.summary, tensors));
    } catch (e) {
      throwIfTrapped(e);
      return fail('RUN_FAILED', `inference failed: ${(e as Error).message}`);
    }
    return canonicalise(entry.summary.outputs, out, scaleBits);
  }

  /** One session.run over the concatenated inputs; undefined when that fails (callers then run singly). */
  private async runJoined(
    entry: Extract<Entry, { ok: true }>,
    scaleBits: number,
    good: Array<{ tensors: TensorInput[]; batch: number }>,
  ): Promise<RunResult[] | undefined> {
    const total = good.reduce((a, g) => a + g.batch, 0);
    const joined: TensorInput[] = entry.summary.inputs.map((d, j) => {
      const parts = good.map((g) => g.tensors[j].data);
      const data = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
      let o = 0;
      for (const p of parts) {
        data.set(p, o);
        o += p.length;
      }
      return { dtype: d.dtype, shape: [total, ...good[0].tensors[j].shape.slice(1)], data };
    });
    let out: Ort.InferenceSession.ReturnType;
    try {
      out = await entry.session.run(this.feeds(entry.summary, joined));
    } catch (e) {
      throwIfTrapped(e);
      return undefined;
    }
    const results: RunResult[] = [];
    let row = 0;
    for (const g of good) {
      const slice: Record<string, Pick<Ort.Tensor, 'type' | 'dims' | 'data'>> = {};
      for (const o of entry.summary.outputs) {
        const t = out[o.name] as Ort.Tensor | undefined;
        if (!t || t.dims.length < 1 || t.dims[0] !== total) return undefined;
        const per = t.dims.slice(1).reduce((a, b) => a * b, 1);
        const data = t.data as OutArray;
        slice[o.name] = {
          type: t.type,
          dims: [g.batch, ...t.dims.slice(1)],
          data: data.subarray(row * per, (row + g.batch) * per),
        };
      }
      results.push(canonicalise(entry.summary.outputs, slice, scaleBits));
      row += g.batch;
    }
    return results;
  }
}

function canonicalise(
  declared: IoSpec[],
  out: Record<string, Pick<Ort.Tensor, 'type' | 'dims' | 'data'>>,
  scaleBits: number,
): RunResult {
  const values: bigint[] = [];
  const tensors: CanonicalOutput['tensors'] = [];
  for (const d of declared) {
    const t = out[d.name];
    if (!t) return fail('BAD_OUTPUT', `the model produced no output '${d.name}'`);
    const dtype = t.type as DType;
    if (!isDType(dtype) || dtype !== d.dtype)
      return fail('BAD_OUTPUT', `output '${d.name}' is ${t.type}, declared ${d.dtype}`);
    const shape = [...t.dims];
    const n = shape.reduce((a, b) => a * b, 1);
    const data = t.data as OutArray;
    if (data.length !== n || data.BYTES_PER_ELEMENT !== BYTES_PER_ELEMENT[dtype]) {
      return fail('BAD_OUTPUT', `output '${d.name}' holds ${data.length} values for shape [${shape.join(', ')}]`);
    }
    const c = canonicaliseInto(values, d.name, dtype, data, scaleBits);
    if (!c.ok) return fail(c.code, c.message);
    tensors.push({ name: d.name, dtype, shape });
  }
  return { ok: true, output: withLazyHash(tensors, values) };
}

/** The canonical output; its sha256 (a few µs) is computed on first read, so a caller that compares values pays none. */
function withLazyHash(tensors: CanonicalOutput['tensors'], values: bigint[]): CanonicalOutput {
  let hash: string | undefined;
  return {
    tensors,
    values,
    get sha256() {
      return (hash ??= canonicalHash(
        tensors.map((t) => t.shape),
        values,
      ));
    },
  };
}

/** A one-node model run once at start-up: if this fails, the runtime is broken, not any model. */
async function selfTest({ ort, sessionOptions }: Engine): Promise<void> {
  const bytes = new GraphBuilder('selftest')
    .input('x', 'float32', [2])
    .output('y', 'float32', [2])
    .node('Relu', ['x'], ['y'])
    .build();
  try {
    const s = await ort.InferenceSession.create(bytes, sessionOptions());
    const y = (await s.run({ x: new ort.Tensor('float32', Float32Array.from([-1, 2]), [2]) })).y.data as Float32Array;
    await s.release();
    if (y[0] !== 0 || y[1] !== 2) throw new Error(`Relu([-1, 2]) gave [${[...y].join(', ')}]`);
  } catch (e) {
    throw new OnnxEnvironmentError(`ONNX Runtime self-test failed: ${(e as Error).message}`, { cause: e });
  }
}
