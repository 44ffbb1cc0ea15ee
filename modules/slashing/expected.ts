// What slashing needs from staking, declared on its own side and handed in at wiring time (STYLE 2): finding a
// target, and what a slash or a jail does to stake (staking's business; slashing decides when and how much).
import type { Context } from '../../chain/types/context.js';
import type { Provider, Validator } from '../../proto/gen/aichain/staking/v1/types.js';

/** A validator or compute provider as slashing sees it. */
export interface SlashableTarget {
  /** Staking's target id (opaque here). */
  id: Uint8Array;
  /** aivaloper1… or aiprov1…. */
  address: string;
  validator?: Validator;
  provider?: Provider;
}

export interface StakingKeeper {
  /** Staking's id of the target named by aivaloper1… or aiprov1… (stateless; a coded invalid-address error). */
  targetId(address: string): Uint8Array;
  /** The target named by aivaloper1… or aiprov1… (staking's coded errors for a bad address or an unknown target). */
  requireTarget(ctx: Context, address: string): SlashableTarget;
  /** The validator with this consensus address as a target, if any. */
  targetByConsensusAddress(ctx: Context, cons: Uint8Array): SlashableTarget | undefined;
  /** Staking's unknown-validator error. */
  unknownValidator(what: string): Error;
  getValidator(ctx: Context, operator: Uint8Array): Validator | undefined;
  /** The validator run by this operator account (staking's unknown-validator error when none). */
  requireValidator(ctx: Context, operator: Uint8Array): Validator;
  /** Burns `fraction` (18-decimal) of the target's stake for a fault at `infractionHeight`; the tokens burned. */
  slash(ctx: Context, id: Uint8Array, fraction: bigint, infractionHeight: bigint): bigint;
  jailValidator(ctx: Context, operator: Uint8Array): void;
  /** Jails a provider until `until` or later; returns the time it is jailed until. */
  jailProvider(ctx: Context, p: Provider, until: bigint): bigint;
  /** Clears a validator's jail, checking its self-delegation is back at its minimum. */
  unjailValidator(ctx: Context, operator: Uint8Array): void;
  /** The jailed provider run by this operator (staking's unknown-provider / not-jailed errors otherwise). */
  requireJailedProvider(ctx: Context, operator: Uint8Array): Provider;
  /** Clears a provider's jail, checking its collateral is back at the minimum. */
  unjailProvider(ctx: Context, operator: Uint8Array): void;
  bondDenom(ctx: Context): string;
}
