// What staking needs from bank and auth, declared on its own side and handed in at wiring time (STYLE 2).
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';

export interface BankKeeper {
  getBalance(ctx: Context, addr: Uint8Array, denom: string): bigint;
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amounts: readonly Amount[]): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amounts: readonly Amount[]): void;
  /** Moves coins between two module accounts (the bonded and not-bonded pools). */
  sendFromModuleToModule(ctx: Context, from: string, to: string, amounts: readonly Amount[]): void;
  /** Burns coins held by a module account (slashing), lowering the supply. */
  burnFromModule(ctx: Context, module: string, amounts: readonly Amount[]): void;
  /** Throws bank's unknown-denom error for a denom the chain does not have (providers' prices). */
  requireKnownDenoms(ctx: Context, amounts: readonly Amount[]): void;
}

/** The model registry, as far as providers need it. */
export interface ModelRegistry {
  isModelActive(ctx: Context, id: string): boolean;
}

export interface AccountKeeper {
  /** Makes sure the module's account exists and is marked as a module account (so user sends to it are refused). */
  ensureModuleAccount(ctx: Context, name: string): void;
}

/**
 * Told of every delegation change and slash, so reward accounting (distribution) can settle first. `val` is a
 * target id (target.ts): a validator's operator bytes or a provider's tagged id.
 */
export interface StakingHooks {
  afterValidatorCreated(ctx: Context, val: Uint8Array): void;
  /** A deregistered provider's record is being deleted (no stake left): settle and drop its reward accounting. */
  afterTargetRemoved(ctx: Context, val: Uint8Array): void;
  /** Before a delegation is created or its shares change (also before the validator's tokens change with it). */
  beforeDelegationSharesModified(ctx: Context, del: Uint8Array, val: Uint8Array): void;
  /** After a delegation was created, changed or removed. */
  afterDelegationModified(ctx: Context, del: Uint8Array, val: Uint8Array): void;
  /** Before a validator's tokens are cut by `fraction` (18-decimal). */
  beforeValidatorSlashed(ctx: Context, val: Uint8Array, fraction: bigint): void;
}
