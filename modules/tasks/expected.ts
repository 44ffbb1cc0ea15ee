// What the task market needs from elsewhere, declared on its own side and handed in at wiring time (STYLE 2): bank
// and auth for escrow, the models registry (read only), the providers' standing and their slashing (staking),
// rewards and the community pool (distribution), and — for the chain's own challenge re-runs — a model runner over
// the consensus ONNX engine. A module never imports native/ or another module.
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import type { Dataset, Model } from '../../proto/gen/aichain/models/v1/types.js';
import type { Tensor } from '../../proto/gen/aichain/tasks/v1/types.js';

export interface BankKeeper {
  getBalance(ctx: Context, addr: Uint8Array, denom: string): bigint;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amounts: readonly Amount[]): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amounts: readonly Amount[]): void;
  /** Only to pay a challenger's reward out of a slash (the slash burned more than is minted back). */
  mintCoins(ctx: Context, module: string, amounts: readonly Amount[]): void;
}

export interface AccountKeeper {
  /** Makes sure the module's account exists and is a module account (so user sends to it are refused). */
  ensureModuleAccount(ctx: Context, name: string): void;
}

/** The models registry, read only. */
export interface ModelsView {
  getModel(ctx: Context, id: string): Model | undefined;
  getModelBytes(ctx: Context, id: string): Uint8Array | undefined;
  getDataset(ctx: Context, id: string): Dataset | undefined;
}

/** What the market reads about a compute provider (staking's ProviderRegistry / ProviderStanding). */
export interface ProviderStanding {
  stake: bigint;
  active: boolean;
  claimLimit: bigint;
}
export interface ProviderRegistry {
  /** The provider run by this operator account: its prices per task (one per denom). */
  getProvider(
    ctx: Context,
    operator: Uint8Array,
  ): { pricePerTask: Array<{ denom: string; amount: string }> } | undefined;
  standing(ctx: Context, operator: Uint8Array): ProviderStanding | undefined;
  serves(ctx: Context, operator: Uint8Array, modelId: string): boolean;
}

/** Who checks a challenged result: the validators in their vote extensions, when extensions are on; else the chain's
 *  own re-run in FinalizeBlock. */
export interface ChallengeRouting {
  validatorsVerify(ctx: Context): boolean;
}

/** Staking's Slasher, for providers (named by operator account bytes). */
export interface ProviderSlasher {
  /** Burns `fraction` (18-decimal string, (0, 1]) of the provider's stake for a fault at `infractionHeight`; returns the bond-denom amount burned. */
  slashProvider(ctx: Context, operator: Uint8Array, fraction: string, reason: string, infractionHeight: bigint): bigint;
  /** Jails the provider until block time `until` (unix seconds). */
  jailProvider(ctx: Context, operator: Uint8Array, until: bigint): void;
  bondDenom(ctx: Context): string;
}

/** Distribution: a provider's rewards (commission to the operator, the rest to its delegators) and the community pool. */
export interface Rewards {
  /** Moves `amounts` from `fromModule` into the provider's rewards (distribution's depositTargetRewards). */
  depositProviderRewards(ctx: Context, fromModule: string, operator: Uint8Array, amounts: Amount[]): void;
  /** Moves `amounts` from `fromModule` into the community pool. */
  fundCommunityPool(ctx: Context, fromModule: string, amounts: Amount[]): void;
  /** The staking validator (valoper bytes) with this consensus address; undefined for none (a fixed genesis set). */
  validatorByConsensusAddress(ctx: Context, consensusAddress: Uint8Array): Uint8Array | undefined;
  /** Moves `amounts` from `fromModule` into the validator's rewards (commission, then its delegators by stake). */
  depositValidatorRewards(ctx: Context, fromModule: string, valoper: Uint8Array, amounts: Amount[]): void;
}

/** A validator whose report agreed with the consensus output of a verified task, with its voting power. */
export interface Verifier {
  consensusAddress: Uint8Array;
  power: bigint;
}

/** A canonical output: per-output shapes and every value, as the consensus engine produces it. */
export interface CanonicalResult {
  tensors: Array<{ name: string; dtype: string; shape: bigint[] }>;
  values: bigint[];
}

/**
 * The chain's own model runner for challenge re-runs: the pinned consensus (WebAssembly) engine, the same bits on
 * every CPU. A bad model or input is a coded error result (deterministic, the same on every node); a broken local
 * environment throws, which halts the node rather than writing a different result than its peers.
 */
export interface ModelRunner {
  run(
    model: { id: string; scaleBits: number; bytes: () => Uint8Array },
    inputs: Tensor[],
  ): Promise<{ ok: true; output: CanonicalResult } | { ok: false; code: string; message: string }>;
}

export type CompareRule =
  | { kind: 'exact' }
  | { kind: 'tolerance'; tolerance: bigint }
  | { kind: 'argmax'; rowLength?: number };

/** The runner's comparison rules (pure bigint arithmetic, one home in native/onnx/compare.ts). */
export interface ResultComparer {
  compare(
    rule: CompareRule,
    a: readonly bigint[],
    b: readonly bigint[],
  ): { match: true } | { match: false; reason: string };
}
