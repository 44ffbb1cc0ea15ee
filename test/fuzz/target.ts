// What a fuzz target is: valid inputs to start from, an optional structure-aware generator, and a run of one input
// that throws FuzzFailure when it finds a crash (an uncoded error), a wrong answer or a state change.
import type { Mutator, Rand } from './mutate.js';

export class FuzzFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'crash' | 'state-change' | 'mismatch' | 'hang' = 'crash',
  ) {
    super(message);
    this.name = 'FuzzFailure';
  }
}

export interface FuzzTarget {
  name: string;
  /** Valid inputs the mutator starts from. */
  corpus: Uint8Array[];
  /** Makes the next input; defaults to mutating a corpus entry (7 in 8) or random bytes. */
  generate?(r: Rand, m: Mutator): Uint8Array;
  /** Runs one input; throws FuzzFailure for a finding. Anything else it throws is a crash of the code under test. */
  run(input: Uint8Array): Promise<void> | void;
  /** Deeper checks over the inputs run since the last call (e.g. a block of the rejected txs); same failure rules. */
  flush?(): Promise<void>;
  /** Counters worth printing (accepted inputs, coded rejections...). */
  stats?(): Record<string, number>;
  close(): Promise<void>;
}

/** The names `npm run fuzz -- --target` takes, in run order. */
export const TARGETS = ['tx', 'abci', 'rpc', 'onnx'] as const;
export type TargetName = (typeof TARGETS)[number];

export async function openTarget(name: TargetName, seed: number): Promise<FuzzTarget> {
  switch (name) {
    case 'tx':
      return (await import('./targets/tx.js')).txTarget(seed);
    case 'abci':
      return (await import('./targets/abci.js')).abciTarget(seed);
    case 'rpc':
      return (await import('./targets/rpc.js')).rpcTarget(seed);
    case 'onnx':
      return (await import('./targets/onnx.js')).onnxTarget(seed);
  }
}

export function defaultGenerate(t: FuzzTarget, r: Rand, m: Mutator): Uint8Array {
  if (!t.corpus.length || r.below(8) === 0) return m.random(r.below(2) ? 64 : 1024);
  return m.mutate(t.corpus[r.below(t.corpus.length)], t.corpus);
}
