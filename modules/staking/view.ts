// Read-only views of staking for other modules, separate from the writing keeper: validator power and the
// consensus-key lookup, targets and delegations as reward accounting reads them, and compute providers' standing
// (providers.ts: ProviderRegistry). The app hands these to other modules at wiring time.
import type { Delegation, Validator } from '../../proto/gen/aichain/staking/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import type { StakingKeeper } from './keeper.js';
import type { Target } from './targets.js';
import type { ProviderRegistry } from './providers.js';
import { operatorOf, parseTarget, providerId, targetAddress } from './target.js';

export interface StakingView {
  getValidator(ctx: Context, operator: Uint8Array): Validator | undefined;
  /** Consensus power of `tokens` (bond-denom base units / power_reduction, rounded down). */
  power(ctx: Context, tokens: bigint): bigint;
  /** The operator of the validator with this CometBFT (consensus) address, if any. */
  operatorByConsensusAddress(ctx: Context, cons: Uint8Array): Uint8Array | undefined;
  getTarget(ctx: Context, id: Uint8Array): Target | undefined;
  /** Every target's id (validators, then providers), in key order. */
  targets(ctx: Context): Iterable<Uint8Array>;
  targetAddress(id: Uint8Array): string;
  /** Parses aivaloper1… or aiprov1… into a target id (a coded invalid-address error otherwise). */
  parseTarget(addr: string): Uint8Array;
  /** The target id of the validator (provider = false) or compute provider (true) run by this operator account. */
  targetOf(operator: Uint8Array, provider: boolean): Uint8Array;
  /** The operator account behind a target id. */
  operatorOf(id: Uint8Array): Uint8Array;
  getDelegation(ctx: Context, del: Uint8Array, id: Uint8Array): Delegation | undefined;
  delegations(ctx: Context): Iterable<Delegation>;
  /** The tokens a delegation's shares are worth now. */
  delegationBalance(ctx: Context, d: Delegation): bigint;
  /** The compute providers that earn rewards now, with their stake, in key order. */
  activeProviders(ctx: Context): Iterable<{ id: Uint8Array; stake: bigint }>;
  bondDenom(ctx: Context): string;
  /** Compute providers' standing (active, stake, claim limit), for the task market. */
  providers: ProviderRegistry;
}

export function stakingView(k: StakingKeeper): StakingView {
  return {
    getValidator: (ctx, op) => k.validators.get(ctx, op),
    power: (ctx, tokens) => tokens / BigInt(k.getParams(ctx).powerReduction),
    operatorByConsensusAddress: (ctx, cons) => k.validators.operatorByConsensusAddress(ctx, cons),
    getTarget: (ctx, id) => k.targets.get(ctx, id),
    targets: (ctx) => k.targets.ids(ctx),
    targetAddress,
    parseTarget: (addr) => parseTarget(addr),
    targetOf: (op, provider) => (provider ? providerId(op) : op),
    operatorOf,
    getDelegation: (ctx, del, id) => k.delegations.get(ctx, del, id),
    delegations: (ctx) => k.delegations.all(ctx),
    delegationBalance: (ctx, d) => k.delegations.balance(ctx, d),
    activeProviders: (ctx) => k.providers.activeProviders(ctx),
    bondDenom: (ctx) => k.getParams(ctx).bondDenom,
    providers: k.providers,
  };
}
