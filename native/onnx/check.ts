// Static checks run when a model is registered (and again before the runner first loads it): pure and deterministic,
// no ONNX Runtime involved. Parses with onnx-proto and rejects what could crash, stall or diverge a validator:
// unknown IR/opset versions, custom domains, external data, control flow, ops outside a deterministic allow-list,
// and models that are too big or too costly. Returns the declared inputs/outputs for input validation and spec checks.
import onnxProto from 'onnx-proto';
import type { onnx as O } from 'onnx-proto';
import { dtypeOfOnnx, type DType } from './dtypes.js';

export type ModelCheckCode =
  | 'NOT_ONNX'
  | 'TRUNCATED'
  | 'IR_VERSION'
  | 'OPSET'
  | 'CUSTOM_DOMAIN'
  | 'EXTERNAL_DATA'
  | 'CONTROL_FLOW'
  | 'DISALLOWED_OP'
  | 'TOO_LARGE'
  | 'TOO_MANY_PARAMS'
  | 'TOO_MANY_FLOPS'
  | 'SPEC_MISMATCH'
  /** Missing graph, inputs/outputs absent or not plain tensors, an output nothing produces, duplicate names. */
  | 'BAD_GRAPH'
  /** A declared input or output with a dtype the runner does not accept, or an input with non-fixed dims. */
  | 'BAD_IO'
  /** Training info or model-local functions: not part of inference, never accepted. */
  | 'UNSUPPORTED_FEATURE';

export class ModelCheckError extends Error {
  constructor(
    readonly code: ModelCheckCode,
    message: string,
  ) {
    super(message);
    this.name = 'ModelCheckError';
  }
}

export interface ModelLimits {
  maxBytes: number;
  maxParams: number | bigint;
  maxFlops: number | bigint;
}

/** Generous defaults for local use; the chain's values come from the models module's params. */
export const DEFAULT_LIMITS: ModelLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxParams: 50_000_000n,
  maxFlops: 10_000_000_000n,
};

/** A dimension: a fixed size, or a symbolic name (the batch dimension; '?' when the model names none). */
export type Dim = number | string;

export interface IoSpec {
  name: string;
  dtype: DType;
  shape: Dim[];
}

export interface ModelSummary {
  irVersion: number;
  /** Default-domain ('' / 'ai.onnx') opset version. */
  opset: number;
  inputs: IoSpec[];
  outputs: IoSpec[];
  /** Σ elements over initializers, sparse initializers and Constant node tensors. */
  paramCount: bigint;
  /** Estimated FLOPs per batch item; see estimateFlops below. */
  flops: bigint;
  nodeCount: number;
  /** Distinct op types, sorted. */
  ops: string[];
  byteLength: number;
}

export interface ModelSpec {
  inputs: IoSpec[];
  outputs: IoSpec[];
}

/** Supported ranges. IR 3 is the first with opset imports; IR 10 is what ORT 1.30's exporters write at most. */
export const IR_VERSION_RANGE = { min: 3, max: 10 } as const;
/** Default-domain opsets: 7 (ORT's oldest fully supported) to 21. */
export const OPSET_RANGE = { min: 7, max: 21 } as const;

const CONTROL_FLOW = new Set(['If', 'Loop', 'Scan', 'SequenceMap']);

/**
 * Ops whose CPU kernels are deterministic for a fixed thread count, covering MLP, CNN and small transformer blocks.
 * Excluded on purpose: random ops (RandomNormal, Dropout in training mode, Multinomial, Bernoulli), sequence/optional
 * ops, string ops, non-max suppression and resize (implementation-defined corners), and anything with a subgraph.
 */
export const ALLOWED_OPS: ReadonlySet<string> = new Set([
  // linear algebra and convolution
  'MatMul',
  'Gemm',
  'Conv',
  'ConvTranspose',
  'Einsum',
  // pooling and normalisation
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'BatchNormalization',
  'LayerNormalization',
  'InstanceNormalization',
  'LpNormalization',
  // element-wise math
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
  'Sqrt',
  'Exp',
  'Log',
  'Abs',
  'Neg',
  'Reciprocal',
  'Floor',
  'Ceil',
  'Round',
  'Min',
  'Max',
  'Sum',
  'Mean',
  'Sign',
  'Mod',
  // activations
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'Selu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'Softplus',
  'Softsign',
  'Gelu',
  'Erf',
  'Clip',
  // shape and data movement
  'Reshape',
  'Flatten',
  'Transpose',
  'Concat',
  'Split',
  'Slice',
  'Gather',
  'GatherElements',
  'Squeeze',
  'Unsqueeze',
  'Identity',
  'Cast',
  'Shape',
  'Size',
  'Expand',
  'Tile',
  'Pad',
  'ConstantOfShape',
  'Range',
  'Constant',
  'Dropout',
  // reductions and comparisons
  'ReduceMean',
  'ReduceSum',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL2',
  'ReduceSumSquare',
  'ArgMax',
  'ArgMin',
  'Where',
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'Not',
  'And',
  'Or',
  'Xor',
  'TopK',
  'CumSum',
  'Trilu',
]);

type Long = { toString(): string };
const big = (x: number | Long | null | undefined): bigint => (x == null ? 0n : BigInt(x.toString()));
const num = (x: number | Long | null | undefined): number => Number(big(x));

function decode(bytes: Uint8Array) {
  try {
    return onnxProto.onnx.ModelProto.decode(bytes);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // protobufjs reports a read past the end as "index out of range"; anything else is a malformed message.
    if (/index out of range/i.test(msg)) throw new ModelCheckError('TRUNCATED', `model bytes end mid-message: ${msg}`);
    throw new ModelCheckError('NOT_ONNX', `not an ONNX ModelProto: ${msg}`);
  }
}

type Graph = O.IGraphProto;
type Node = O.INodeProto;
type Tensor = O.ITensorProto;
type ValueInfo = O.IValueInfoProto;
/** onnx-proto types repeated fields as optional; decoded messages always have them, but read them defensively. */
const arr = <T>(x: T[] | null | undefined): T[] => x ?? [];

const isDefaultDomain = (d: string | null | undefined) => !d || d === 'ai.onnx';

function tensorElements(t: Tensor): bigint {
  return arr(t.dims).reduce<bigint>((acc, d) => acc * big(d), 1n);
}

function assertNoExternal(t: Tensor, where: string): void {
  // TensorProto.DataLocation.EXTERNAL = 1
  if (t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0) {
    throw new ModelCheckError(
      'EXTERNAL_DATA',
      `${where} '${t.name ?? ''}' refers to external data; models must be self-contained`,
    );
  }
}

function ioSpec(v: ValueInfo, kind: 'input' | 'output'): IoSpec {
  const tt = v.type?.tensorType;
  if (!tt) throw new ModelCheckError('BAD_GRAPH', `graph ${kind} '${v.name}' is not a plain tensor`);
  const dtype = dtypeOfOnnx(tt.elemType ?? 0);
  if (!dtype)
    throw new ModelCheckError('BAD_IO', `graph ${kind} '${v.name}' has unsupported element type ${tt.elemType}`);
  if (!tt.shape) throw new ModelCheckError('BAD_IO', `graph ${kind} '${v.name}' declares no shape`);
  const shape: Dim[] = arr(tt.shape.dim).map((d) => {
    if (d.dimValue != null) return num(d.dimValue);
    if (d.dimParam) return d.dimParam;
    return '?';
  });
  if (kind === 'input') {
    shape.forEach((d, i) => {
      if (typeof d === 'number' && d < 1)
        throw new ModelCheckError('BAD_IO', `input '${v.name}' dim ${i} is ${d}; dims must be ≥ 1`);
      if (typeof d === 'string' && i !== 0) {
        throw new ModelCheckError(
          'BAD_IO',
          `input '${v.name}' dim ${i} is symbolic ('${d}'); only the first (batch) dim may be`,
        );
      }
    });
  }
  return { name: v.name ?? '', dtype, shape };
}

/** Output shapes of a few op kinds, per batch item (symbolic dims count as 1), for the FLOP estimate. */
type Shape = Array<number>;

function attrInts(n: Node, name: string): number[] | undefined {
  const a = arr(n.attribute).find((x) => x.name === name);
  return a?.ints?.length ? a.ints.map(num) : undefined;
}
/**
 * A per-spatial-axis attribute (strides, dilations, kernel_shape: `count` values >= `min`; pads: 2 × axes, >= 0), or
 * `fallback` when absent. Anything else is a bad graph: without this a Conv with strides [0, 0] or a short pads list
 * made the FLOP estimate Infinity/NaN and checkModel threw a RangeError instead of a ModelCheckError (found by the
 * fuzzer).
 */
function spatialAttr(n: Node, name: string, count: number, min: number, fallback: number): number[] {
  const v = attrInts(n, name);
  if (!v) return Array.from({ length: count }, () => fallback);
  if (v.length !== count || !v.every((x) => Number.isSafeInteger(x) && x >= min)) {
    throw new ModelCheckError(
      'BAD_GRAPH',
      `node '${n.name}' (${n.opType}): ${name} must be ${count} integers >= ${min}, got [${v.join(', ')}]`,
    );
  }
  return v;
}
function attrInt(n: Node, name: string): number | undefined {
  const a = arr(n.attribute).find((x) => x.name === name);
  return a && a.type === 2 ? num(a.i) : undefined;
}

const SHAPE_PRESERVING = new Set([
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'Selu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Softmax',
  'LogSoftmax',
  'Softplus',
  'Softsign',
  'Gelu',
  'Erf',
  'Clip',
  'Identity',
  'Cast',
  'Dropout',
  'BatchNormalization',
  'LayerNormalization',
  'InstanceNormalization',
  'Abs',
  'Neg',
  'Sqrt',
  'Exp',
  'Log',
  'Reciprocal',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Pow',
]);

const prod = (s: number[]) => s.reduce((a, b) => a * BigInt(b), 1n);

/**
 * FLOP estimate (per batch item): only the dominant terms. Shapes are propagated from the declared inputs through
 * shape-preserving ops, MatMul, Gemm, Conv and pooling; a symbolic batch dim counts as 1.
 * - MatMul A[..., M, K] × B[..., K, N]: 2·|A|·N (the product's multiply-adds); with A's shape unknown, 2·|B|.
 * - Gemm: 2·M·K·N, M = rows of A (1 when unknown).
 * - Conv / ConvTranspose with weight W: 2·|W|·(output spatial positions, or input positions for ConvTranspose; 1 when unknown).
 * - Einsum: 2·Π(all input elements)^(1/…) is not attempted: counted as 2·Σ input elements (a lower bound).
 * Everything else is linear in its tensor sizes and ignored. With unknown shapes the estimate is a lower bound.
 */
function estimateFlops(g: Graph, inputs: IoSpec[]): bigint {
  const shapes = new Map<string, Shape>();
  for (const i of inputs)
    shapes.set(
      i.name,
      i.shape.map((d) => (typeof d === 'number' ? d : 1)),
    );
  for (const t of arr(g.initializer)) shapes.set(t.name ?? '', arr(t.dims).map(num));
  let flops = 0n;
  for (const n of arr(g.node)) {
    const a = shapes.get(arr(n.input)[0] ?? '');
    const b = shapes.get(arr(n.input)[1] ?? '');
    const out = arr(n.output)[0] ?? '';
    switch (n.opType) {
      case 'MatMul': {
        if (a && b && a.length >= 1 && b.length >= 1) {
          const N = b.length === 1 ? 1 : b[b.length - 1];
          flops += 2n * prod(a) * BigInt(N);
          if (a.length >= 2 && b.length >= 2) shapes.set(out, [...a.slice(0, -1), N]);
        } else if (b) flops += 2n * prod(b);
        break;
      }
      case 'Gemm': {
        if (!b || b.length !== 2) break;
        const transA = attrInt(n, 'transA') === 1,
          transB = attrInt(n, 'transB') === 1;
        const [K, N] = transB ? [b[1], b[0]] : [b[0], b[1]];
        const M = a && a.length === 2 ? (transA ? a[1] : a[0]) : 1;
        flops += 2n * BigInt(M) * BigInt(K) * BigInt(N);
        shapes.set(out, [M, N]);
        break;
      }
      case 'Conv':
      case 'ConvTranspose': {
        if (!b) break;
        let positions = 1n;
        if (a && a.length === b.length && a.length >= 3) {
          const spatial = a.slice(2);
          const k = b.slice(2);
          const strides = spatialAttr(n, 'strides', spatial.length, 1, 1);
          const dil = spatialAttr(n, 'dilations', spatial.length, 1, 1);
          const pads = spatialAttr(n, 'pads', 2 * spatial.length, 0, 0);
          const outSpatial =
            n.opType === 'Conv'
              ? spatial.map((x, i) =>
                  Math.max(
                    1,
                    Math.floor((x + pads[i] + pads[i + spatial.length] - dil[i] * (k[i] - 1) - 1) / strides[i]) + 1,
                  ),
                )
              : spatial.map((x, i) =>
                  Math.max(1, strides[i] * (x - 1) + dil[i] * (k[i] - 1) + 1 - pads[i] - pads[i + spatial.length]),
                );
          positions = prod(n.opType === 'Conv' ? outSpatial : spatial);
          const M = n.opType === 'Conv' ? b[0] : b[1] * (attrInt(n, 'group') ?? 1);
          shapes.set(out, [a[0], M, ...outSpatial]);
        }
        flops += 2n * prod(b) * positions;
        break;
      }
      case 'MaxPool':
      case 'AveragePool': {
        const k = attrInts(n, 'kernel_shape');
        if (!a || !k || a.length !== k.length + 2) break;
        const spatial = a.slice(2);
        spatialAttr(n, 'kernel_shape', spatial.length, 1, 1);
        const strides = spatialAttr(n, 'strides', spatial.length, 1, 1);
        const pads = spatialAttr(n, 'pads', 2 * spatial.length, 0, 0);
        shapes.set(out, [
          a[0],
          a[1],
          ...spatial.map((x, i) =>
            Math.max(1, Math.floor((x + pads[i] + pads[i + spatial.length] - k[i]) / strides[i]) + 1),
          ),
        ]);
        break;
      }
      case 'GlobalAveragePool':
      case 'GlobalMaxPool':
        if (a && a.length >= 3) shapes.set(out, [a[0], a[1], ...a.slice(2).map(() => 1)]);
        break;
      case 'Einsum':
        for (const i of arr(n.input)) {
          const s = shapes.get(i);
          if (s) flops += 2n * prod(s);
        }
        break;
      default:
        if (SHAPE_PRESERVING.has(n.opType ?? '') && a) {
          // Binary ops broadcast: keep the larger operand's shape.
          shapes.set(out, b && prod(b) > prod(a) ? b : a);
        }
    }
  }
  return flops;
}

/** Throws ModelCheckError; returns the model's summary when every check passes. PERF: one protobuf decode + O(nodes). */
export function checkModel(bytes: Uint8Array, limits: ModelLimits = DEFAULT_LIMITS): ModelSummary {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0)
    throw new ModelCheckError('NOT_ONNX', 'model bytes are empty');
  if (bytes.length > limits.maxBytes) {
    throw new ModelCheckError('TOO_LARGE', `model is ${bytes.length} bytes; the limit is ${limits.maxBytes}`);
  }
  const m = decode(bytes);
  const ir = num(m.irVersion);
  if (!m.graph || ir === 0) throw new ModelCheckError('NOT_ONNX', 'not an ONNX ModelProto: no IR version or no graph');
  if (ir < IR_VERSION_RANGE.min || ir > IR_VERSION_RANGE.max) {
    throw new ModelCheckError(
      'IR_VERSION',
      `IR version ${ir} is outside the supported ${IR_VERSION_RANGE.min}..${IR_VERSION_RANGE.max}`,
    );
  }
  let opset = 0;
  for (const o of m.opsetImport) {
    if (!isDefaultDomain(o.domain))
      throw new ModelCheckError('CUSTOM_DOMAIN', `opset import of custom domain '${o.domain}'`);
    opset = Math.max(opset, num(o.version));
  }
  if (opset < OPSET_RANGE.min || opset > OPSET_RANGE.max) {
    throw new ModelCheckError(
      'OPSET',
      `default-domain opset ${opset} is outside the supported ${OPSET_RANGE.min}..${OPSET_RANGE.max}`,
    );
  }
  if (m.functions.length) throw new ModelCheckError('UNSUPPORTED_FEATURE', 'model-local functions are not accepted');
  if (m.trainingInfo.length) throw new ModelCheckError('UNSUPPORTED_FEATURE', 'training info is not accepted');

  const g = m.graph;
  let params = 0n;
  const known = new Set<string>();
  for (const t of arr(g.initializer)) {
    assertNoExternal(t, 'initializer');
    params += tensorElements(t);
    known.add(t.name ?? '');
  }
  for (const s of arr(g.sparseInitializer)) {
    if (s.values) assertNoExternal(s.values, 'sparse initializer');
    if (s.indices) assertNoExternal(s.indices, 'sparse initializer');
    params += arr(s.dims).reduce<bigint>((acc, d) => acc * big(d), 1n);
    known.add(s.values?.name ?? '');
  }

  const ops = new Set<string>();
  for (const n of arr(g.node)) {
    const op = n.opType ?? '';
    if (!isDefaultDomain(n.domain))
      throw new ModelCheckError('CUSTOM_DOMAIN', `node '${n.name}' (${op}) is in custom domain '${n.domain}'`);
    if (CONTROL_FLOW.has(op))
      throw new ModelCheckError('CONTROL_FLOW', `control-flow op ${op} (node '${n.name}') is not accepted`);
    for (const a of arr(n.attribute)) {
      if (a.g || a.graphs?.length)
        throw new ModelCheckError('CONTROL_FLOW', `node '${n.name}' (${op}) carries a subgraph`);
      for (const t of [a.t, ...(a.tensors ?? [])]) {
        if (!t) continue;
        assertNoExternal(t, `attribute tensor of node '${n.name}'`);
        params += tensorElements(t);
      }
      if (a.sparseTensor) params += (a.sparseTensor.dims ?? []).reduce<bigint>((acc, d) => acc * big(d), 1n);
    }
    if (!ALLOWED_OPS.has(op))
      throw new ModelCheckError('DISALLOWED_OP', `op ${op || '(empty)'} (node '${n.name}') is not on the allow-list`);
    // Dropout is an identity at inference; its third input (training_mode) could turn randomness on.
    if (op === 'Dropout' && arr(n.input).length > 2) {
      throw new ModelCheckError(
        'DISALLOWED_OP',
        `Dropout (node '${n.name}') with a training_mode input is not accepted`,
      );
    }
    ops.add(op);
    for (const o of arr(n.output)) if (o) known.add(o);
  }
  if (params > BigInt(limits.maxParams)) {
    throw new ModelCheckError('TOO_MANY_PARAMS', `model has ${params} parameters; the limit is ${limits.maxParams}`);
  }

  if (!arr(g.input).length || !arr(g.output).length)
    throw new ModelCheckError('BAD_GRAPH', 'graph declares no inputs or no outputs');
  // Inputs that are also initializers (IR < 4 style defaults) are weights, not task inputs.
  const inputs = arr(g.input)
    .filter((v) => !arr(g.initializer).some((t) => t.name === v.name))
    .map((v) => ioSpec(v, 'input'));
  if (!inputs.length) throw new ModelCheckError('BAD_GRAPH', 'every graph input is an initializer');
  const outputs = arr(g.output).map((v) => ioSpec(v, 'output'));
  for (const i of inputs) known.add(i.name);
  const names = new Set<string>();
  for (const v of [...inputs, ...outputs]) {
    if (!v.name) throw new ModelCheckError('BAD_GRAPH', 'a graph input or output has no name');
    if (names.has(v.name)) throw new ModelCheckError('BAD_GRAPH', `duplicate graph input/output name '${v.name}'`);
    names.add(v.name);
  }
  for (const o of outputs)
    if (!known.has(o.name)) throw new ModelCheckError('BAD_GRAPH', `graph output '${o.name}' is produced by no node`);

  const flops = estimateFlops(g, inputs);
  if (flops > BigInt(limits.maxFlops)) {
    throw new ModelCheckError(
      'TOO_MANY_FLOPS',
      `model needs about ${flops} FLOPs per item; the limit is ${limits.maxFlops}`,
    );
  }
  return {
    irVersion: ir,
    opset,
    inputs,
    outputs,
    paramCount: params,
    flops,
    nodeCount: arr(g.node).length,
    ops: [...ops].sort(),
    byteLength: bytes.length,
  };
}

const dimStr = (s: Dim[]) => `[${s.join(', ')}]`;

/**
 * The declared spec must name the graph's inputs and outputs in order, with the same dtypes and shapes. A symbolic
 * dim matches any symbolic dim (names differ between exporters); fixed dims must be equal.
 */
export function checkSpec(summary: ModelSummary, spec: ModelSpec): void {
  const side = (kind: 'input' | 'output', got: IoSpec[], want: IoSpec[]) => {
    if (got.length !== want.length) {
      throw new ModelCheckError('SPEC_MISMATCH', `spec declares ${want.length} ${kind}s; the graph has ${got.length}`);
    }
    want.forEach((w, i) => {
      const g = got[i];
      const where = `${kind} ${i} ('${w.name}')`;
      if (g.name !== w.name) throw new ModelCheckError('SPEC_MISMATCH', `${where}: the graph's is named '${g.name}'`);
      if (g.dtype !== w.dtype)
        throw new ModelCheckError('SPEC_MISMATCH', `${where}: dtype ${w.dtype}, the graph's is ${g.dtype}`);
      const same =
        g.shape.length === w.shape.length
        && g.shape.every((d, j) => (typeof d === 'number' ? d === w.shape[j] : typeof w.shape[j] === 'string'));
      if (!same)
        throw new ModelCheckError(
          'SPEC_MISMATCH',
          `${where}: shape ${dimStr(w.shape)}, the graph's is ${dimStr(g.shape)}`,
        );
    });
  };
  side('input', summary.inputs, spec.inputs);
  side('output', summary.outputs, spec.outputs);
}

/** Non-throwing form for callers that map codes to their own errors. */
export function tryCheckModel(
  bytes: Uint8Array,
  limits?: ModelLimits,
): { ok: true; summary: ModelSummary } | { ok: false; code: ModelCheckCode; message: string } {
  try {
    return { ok: true, summary: checkModel(bytes, limits) };
  } catch (e) {
    if (e instanceof ModelCheckError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}
