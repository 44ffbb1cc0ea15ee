// What distribution needs from bank, auth and staking, declared on its own side and handed in at wiring time.
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import type { Delegation } from '../../proto/gen/aichain/staking/v1/types.js';

/**
 * A staking target (a validator or a compute provider) as reward accounting sees it. Targets are named by staking's
 * target ids (opaque bytes here) and by their bech32 address (aivaloper1… or aiprov1…).
 */
export interface RewardTarget {
  address: string;
  tokens: bigint;
  /** The operator's commission rate (18-decimal string). */
  commissionRate: string;
}

export interface BankKeeper {
  getAllBalances(ctx: Context, addr: Uint8Array): Amount[];
  sendFromModuleToModule(ctx: Context, from: string, to: string, amounts: readonly Amount[]): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amounts: readonly Amount[]): void;
  /** Module accounts take no payments from the pool (their balances are what they owe). */
  isBlockedRecipient(ctx: Context, addr: Uint8Array): boolean;
}

export interface AccountKeeper {
  ensureModuleAccount(ctx: Context, name: string): void;
}

export interface StakingKeeper {
  getTarget(ctx: Context, id: Uint8Array): RewardTarget | undefined;
  /** Every target's id (validators, then providers), in key order. */
  targets(ctx: Context): Iterable<Uint8Array>;
  targetAddress(id: Uint8Array): string;
  /** Parses aivaloper1… or aiprov1… into a target id (throws a coded invalid-address error). */
  parseTarget(addr: string): Uint8Array;
  /** The target id of the validator (provider = false) or compute provider (true) run by this operator account. */
  targetOf(operator: Uint8Array, provider: boolean): Uint8Array;
  /** The operator account behind a target id (where its commission is paid). */
  operatorOf(id: Uint8Array): Uint8Array;
  /** The compute providers that earn rewards now, with their stake, in key order. */
  activeProviders(ctx: Context): Iterable<{ id: Uint8Array; stake: bigint }>;
  getDelegation(ctx: Context, del: Uint8Array, val: Uint8Array): Delegation | undefined;
  delegations(ctx: Context): Iterable<Delegation>;
  /** The tokens a delegation's shares are worth now. */
  delegationBalance(ctx: Context, d: Delegation): bigint;
  operatorByConsensusAddress(ctx: Context, cons: Uint8Array): Uint8Array | undefined;
}
