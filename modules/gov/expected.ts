// What gov needs from bank, auth, staking and the app's message router, declared on its own side and handed in at
// wiring time.
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import type { MsgService } from '../../chain/types/module.js';

export interface BankKeeper {
  getAllBalances(ctx: Context, addr: Uint8Array): Amount[];
  sendFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amounts: readonly Amount[]): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amounts: readonly Amount[]): void;
  burnCoins(ctx: Context, module: string, amounts: readonly Amount[]): void;
}

export interface AccountKeeper {
  /** Creates the module account (a burner: vetoed and dropped deposits are burnt) if it does not exist. */
  ensureModuleAccount(ctx: Context, name: string): void;
}

/** A staking target whose stake votes now (a bonded, unjailed validator or an active compute provider). */
export interface VotingTarget {
  id: Uint8Array;
  /** The account that runs it: its vote carries the target's delegators who do not vote themselves. */
  operator: Uint8Array;
  tokens: bigint;
  /** Delegator shares (18-decimal fixed point). */
  shares: bigint;
}

export interface StakingKeeper {
  bondDenom(ctx: Context): string;
  /** Every target whose stake votes now, in key order (O(targets), never O(delegations)). */
  votingTargets(ctx: Context): Iterable<VotingTarget>;
  /** The targets this account operates (its validator id and its provider id; either may not exist). */
  targetIdsOf(operator: Uint8Array): Uint8Array[];
  /** The delegations of one delegator: target id and shares (18-decimal fixed point). */
  delegationsOf(ctx: Context, delegator: Uint8Array): Iterable<{ target: Uint8Array; shares: bigint }>;
}

/** The app's message router: the service for a type URL (every module's messages), for proposal messages. */
export interface MsgRouter {
  route(typeUrl: string): MsgService | undefined;
}
