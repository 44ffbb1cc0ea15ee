// The project's reference models (made by scripts/train-reference-models.ts, committed as .onnx) and the small
// dataset they were trained on. The dev genesis registers them; tests and the demo run them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '@noble/hashes/sha2.js';
import type { ModelSpec } from '../onnx/check.js';
import type { CompareRule } from '../onnx/compare.js';

const here = (f: string) => fileURLToPath(new URL(`./${f}`, import.meta.url));

export interface ReferenceModel {
  name: string;
  description: string;
  path: string;
  spec: ModelSpec;
  /** Recommended fixed-point scale for canonical outputs. */
  scaleBits: number;
  rule: CompareRule;
  /** An input row the demo and tests use (raw features, float32). */
  example: number[];
}

/** Fisher's Iris classifier: 4 raw features (cm) → class probabilities (setosa, versicolor, virginica). */
export const IRIS_MLP: ReferenceModel = {
  name: 'iris-mlp',
  description:
    "MLP 4→16→3 (standardise, Gemm, Relu, Gemm, Softmax) trained on Fisher's Iris; outputs class probabilities",
  path: here('iris-mlp.onnx'),
  spec: {
    inputs: [{ name: 'features', dtype: 'float32', shape: ['batch', 4] }],
    outputs: [{ name: 'probabilities', dtype: 'float32', shape: ['batch', 3] }],
  },
  scaleBits: 16,
  rule: { kind: 'argmax', rowLength: 3 },
  example: [5.9, 3.0, 5.1, 1.8],
};

/** Petal-width regressor on the same data: sepal length, sepal width, petal length (cm) → petal width (cm). */
export const REGRESSOR: ReferenceModel = {
  name: 'regressor',
  description: 'MLP 3→8→1 (standardise, MatMul, Tanh, MatMul) predicting Iris petal width from the other measurements',
  path: here('regressor.onnx'),
  spec: {
    inputs: [{ name: 'measurements', dtype: 'float32', shape: ['batch', 3] }],
    outputs: [{ name: 'petal_width', dtype: 'float32', shape: ['batch', 1] }],
  },
  scaleBits: 16,
  // 64 units at 2^-16 ≈ 0.001 cm: far above cross-CPU float noise (~1e-6), far below a wrong answer.
  rule: { kind: 'tolerance', tolerance: 64n },
  example: [6.3, 2.9, 5.6],
};

export const REFERENCE_MODELS: readonly ReferenceModel[] = [IRIS_MLP, REGRESSOR];

export function readReferenceModel(m: ReferenceModel): { id: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(readFileSync(m.path));
  return { id: Buffer.from(sha256(bytes)).toString('hex'), bytes };
}

export const IRIS_CSV_PATH = here('iris.csv');
export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'] as const;

export interface IrisRow {
  features: [number, number, number, number];
  label: 0 | 1 | 2;
}

/** Parses native/models/iris.csv (150 rows, header first). Throws on a malformed file: it is committed data. */
export function loadIris(path = IRIS_CSV_PATH): IrisRow[] {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  if (lines[0] !== 'sepal_length,sepal_width,petal_length,petal_width,species')
    throw new Error('iris.csv: unexpected header');
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    const f = cells.slice(0, 4).map(Number);
    const label = IRIS_CLASSES.indexOf(cells[4] as (typeof IRIS_CLASSES)[number]);
    if (cells.length !== 5 || f.some((x) => !Number.isFinite(x)) || label < 0)
      throw new Error(`iris.csv: bad row ${i + 2}: ${line}`);
    return { features: f as IrisRow['features'], label: label as IrisRow['label'] };
  });
}
