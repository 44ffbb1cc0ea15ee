// The one error the ONNX runner throws: a broken local environment (a missing or different runtime, a CPU without
// WebAssembly SIMD, relaxed SIMD switched on). Everything a model or an input can cause is a coded result instead.

/** A broken local environment: the node must stop, never record a result that differs from its peers'. */
export class OnnxEnvironmentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OnnxEnvironmentError';
  }
}

/**
 * ORT reports a bad model or input as an ordinary Error; a WebAssembly trap (an abort inside the module) may leave the
 * one per-process instance unusable, so later tasks would fail on this node alone: stop instead.
 */
export function throwIfTrapped(e: unknown): void {
  if (e instanceof WebAssembly.RuntimeError) {
    throw new OnnxEnvironmentError(`the WebAssembly runtime trapped (${e.message}); restart the node`, { cause: e });
  }
}
