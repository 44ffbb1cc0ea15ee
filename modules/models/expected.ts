// What the models module needs from elsewhere, declared on its own side and handed in at wiring time (STYLE 2).
// The static model check lives in native/onnx; a module never imports native/, so the app passes an adapter.
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import type { ModelSpec } from '../../proto/gen/aichain/models/v1/types.js';

export interface ModelLimits {
  maxBytes: bigint;
  maxParams: bigint;
  maxFlops: bigint;
}

/** What registration keeps from the static check. */
export interface ModelSummaryLike {
  paramCount: bigint;
  flopCount: bigint;
}

/**
 * A failed check. `code` is the checker's code: NOT_ONNX, TRUNCATED, IR_VERSION, OPSET, CUSTOM_DOMAIN, EXTERNAL_DATA,
 * CONTROL_FLOW, DISALLOWED_OP, TOO_LARGE, TOO_MANY_PARAMS, TOO_MANY_FLOPS, SPEC_MISMATCH, BAD_GRAPH, BAD_IO,
 * UNSUPPORTED_FEATURE (anything else maps to a generic "failed the static checks").
 */
export interface ModelRejection {
  code: string;
  message: string;
}

export interface ModelInspector {
  /**
   * Deterministic static checks of `bytes` within `limits`, and of the declared `spec` against the graph. Pure: the
   * same answer on every node. Returns a rejection for a bad model rather than throwing.
   */
  inspect(
    bytes: Uint8Array,
    limits: ModelLimits,
    spec: ModelSpec,
  ): { ok: true; summary: ModelSummaryLike } | ({ ok: false } & ModelRejection);
}

export interface BankKeeper {
  getBalance(ctx: Context, addr: Uint8Array, denom: string): bigint;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amounts: readonly Amount[]): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amounts: readonly Amount[]): void;
  burnCoins(ctx: Context, module: string, amounts: readonly Amount[]): void;
}

export interface AccountKeeper {
  /** Makes sure the module's account exists and is marked as a module account (so user sends to it are refused). */
  ensureModuleAccount(ctx: Context, name: string): void;
}
