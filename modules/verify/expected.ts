// What verification needs from elsewhere, declared on its own side and handed in at wiring time (STYLE 2): the task
// market (submitted results, settlement), the models registry (rule, tolerance, scale) and staking's Slasher for
// validators. A module never imports native/ or another module; inference runs in the ABCI layer (chain/app), and
// its outputs enter this module only as data (the injected vote extensions).
import type { Context } from '../../chain/types/context.js';

/** A submitted result as the market holds it. */
export interface SubmittedTask {
  id: bigint;
  modelId: string;
  /** The provider (bech32 provider address). */
  provider: string;
  submittedHeight: bigint;
  /** The provider's canonical output: per-tensor shapes and every value. */
  result: { shapes: bigint[][]; values: bigint[] };
  /** The runner's cost estimate for this task (model FLOPs x batch). */
  flops: bigint;
  /** The height it was challenged at, when a challenge sent it to the validators; 0 otherwise. */
  challengedHeight: bigint;
}

export interface TaskMarket {
  /** Ids of the results submitted, or challenged, at `height` and still awaiting settlement, ascending. */
  newlyAwaiting(ctx: Context, height: bigint): Iterable<bigint>;
  /** The task if its result is for the validators to verify: SUBMITTED, or CHALLENGED with the challenge routed to
   *  them (a challenge the chain re-runs itself, or a settled task, is not verified here). */
  submitted(ctx: Context, id: bigint): SubmittedTask | undefined;
  /** The validators could not settle a challenged result: the chain re-runs it instead. */
  fallBackToRerun(ctx: Context, id: bigint, reason: string): void;
  /** The validators found the result correct (true) or wrong (false: refund, provider slashed); `agreed` are the
   *  validators whose reports agreed with the consensus output (the validators' fee share goes to them by power). */
  settleVerified(
    ctx: Context,
    id: bigint,
    correct: boolean,
    reason: string,
    agreed: Array<{ validator: Uint8Array; power: bigint }>,
  ): void;
  /** More than 2/3 of the power found the model fails on this input: everyone is refunded. */
  settleFailed(ctx: Context, id: bigint, reason: string): void;
}

export type CompareRule =
  | { kind: 'exact' }
  | { kind: 'tolerance'; tolerance: bigint }
  | { kind: 'argmax'; rowLength?: number };

/** The models registry, read only: what the comparison of outputs needs. */
export interface ModelsView {
  /** The model's comparison rule given the output's shapes, and its scale; undefined for an unknown model. */
  ruleOf(ctx: Context, modelId: string, shapes: bigint[][]): CompareRule | undefined;
}

/** The one comparison of canonical outputs (pure bigint arithmetic). */
export interface ResultComparer {
  compare(
    rule: CompareRule,
    a: readonly bigint[],
    b: readonly bigint[],
  ): { match: true } | { match: false; reason: string };
}

/** Staking's Slasher for validators named by consensus address. */
export interface ValidatorSlasher {
  /** Slashes `fraction` (18-decimal string) of the validator's stake and jails it until `until` (unix seconds); false
   *  when no staking validator has this consensus address (a fixed genesis set without staking). */
  slashAndJail(
    ctx: Context,
    consensusAddress: Uint8Array,
    fraction: string,
    reason: string,
    infractionHeight: bigint,
    until: bigint,
  ): boolean;
}
