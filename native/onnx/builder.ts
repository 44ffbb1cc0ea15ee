// A small ONNX model builder on onnx-proto: graph inputs/outputs, initializers, nodes with typed attributes and the
// opset import. Used by the reference-model script and by tests that need well-formed (or deliberately bad) models.
import onnxProto from 'onnx-proto';
import { ONNX_ELEM, type DType } from './dtypes.js';

export const onnx = onnxProto.onnx;
type P = typeof onnxProto.onnx;
export type IModelProto = Parameters<P['ModelProto']['encode']>[0];
export type ITensorProto = Parameters<P['TensorProto']['encode']>[0];
export type INodeProto = Parameters<P['NodeProto']['encode']>[0];
export type IAttributeProto = Parameters<P['AttributeProto']['encode']>[0];
export type IGraphProto = Parameters<P['GraphProto']['encode']>[0];
export type IValueInfoProto = Parameters<P['ValueInfoProto']['encode']>[0];

export type TypedData = Float32Array | Float64Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

const AT = onnxProto.onnx.AttributeProto.AttributeType;

/** Typed attribute constructors: ONNX needs to know whether 1 is an int or a float. */
export const attr = {
  int: (v: number | bigint) => ({ type: AT.INT, i: Number(v) }),
  float: (v: number) => ({ type: AT.FLOAT, f: v }),
  ints: (v: Array<number | bigint>) => ({ type: AT.INTS, ints: v.map(Number) }),
  floats: (v: number[]) => ({ type: AT.FLOATS, floats: v }),
  string: (v: string) => ({ type: AT.STRING, s: new TextEncoder().encode(v) }),
  tensor: (t: ITensorProto) => ({ type: AT.TENSOR, t }),
  graph: (g: IGraphProto) => ({ type: AT.GRAPH, g }),
};
export type AttrValue = Omit<IAttributeProto, 'name'>;

/** A tensor proto with little-endian raw data (this runs on little-endian hosts only; see profile.ts). */
export function tensorProto(name: string, dtype: DType, dims: number[], data: TypedData): ITensorProto {
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return { name, dataType: ONNX_ELEM[dtype], dims, rawData: raw };
}

function valueInfo(name: string, dtype: DType, shape: Array<number | string>): IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ONNX_ELEM[dtype],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface BuildOptions {
  irVersion?: number;
  /** Default-domain opset; default 17. */
  opset?: number;
  /** Further opset imports (e.g. a custom domain, for tests). */
  extraOpsets?: Array<{ domain: string; version: number }>;
  producerName?: string;
  docString?: string;
}

export class GraphBuilder {
  private readonly nodes: INodeProto[] = [];
  private readonly inits: ITensorProto[] = [];
  private readonly inputs: IValueInfoProto[] = [];
  private readonly outputs: IValueInfoProto[] = [];
  private seq = 0;

  constructor(readonly name = 'graph') {}

  input(name: string, dtype: DType, shape: Array<number | string>): this {
    this.inputs.push(valueInfo(name, dtype, shape));
    return this;
  }

  output(name: string, dtype: DType, shape: Array<number | string>): this {
    this.outputs.push(valueInfo(name, dtype, shape));
    return this;
  }

  initializer(name: string, dtype: DType, dims: number[], data: TypedData): this {
    return this.initializerProto(tensorProto(name, dtype, dims, data));
  }

  /** A raw initializer (tests use this for external-data tensors and other odd shapes). */
  initializerProto(t: ITensorProto): this {
    this.inits.push(t);
    return this;
  }

  node(
    opType: string,
    inputs: string[],
    outputs: string[],
    attrs: Record<string, AttrValue> = {},
    opts: { domain?: string; name?: string } = {},
  ): this {
    this.nodes.push({
      opType,
      input: inputs,
      output: outputs,
      name: opts.name ?? `${opType}_${this.seq++}`,
      domain: opts.domain ?? '',
      attribute: Object.entries(attrs).map(([name, a]) => ({ name, ...a })),
    });
    return this;
  }

  graph(): IGraphProto {
    return { name: this.name, node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs };
  }

  modelProto(opts: BuildOptions = {}): IModelProto {
    return {
      irVersion: opts.irVersion ?? 8,
      opsetImport: [{ domain: '', version: opts.opset ?? 17 }, ...(opts.extraOpsets ?? [])],
      producerName: opts.producerName ?? 'aichain-builder',
      docString: opts.docString,
      graph: this.graph(),
    };
  }

  build(opts: BuildOptions = {}): Uint8Array {
    return encodeModel(this.modelProto(opts));
  }
}

export function encodeModel(m: IModelProto): Uint8Array {
  return onnxProto.onnx.ModelProto.encode(m).finish();
}
