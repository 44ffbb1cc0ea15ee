// What distribution needs from bank, auth and staking, declared on its own side and handed in at wiring time.
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import type { Delegation, Validator } from '../../proto/gen/aichain/staking/v1/types.js';

export interface BankKeeper {
  getSupply(ctx: Context, denom: string): bigint;
  getAllBalances(ctx: Context, addr: Uint8Array): Amount[];
  mintCoins(ctx: Context, module: string, amounts: readonly Amount[]): void;
  sendFromModuleToModule(ctx: Context, from: string, to: string, amounts: readonly Amount[]): void;
  sendFromModuleToAccount(ctx: Context, module: string, to: Uint8Array, amounts: readonly Amount[]): void;
}

export interface AccountKeeper {
  ensureModuleAccount(ctx: Context, name: string): void;
}

export interface StakingKeeper {
  getValidator(ctx: Context, op: Uint8Array): Validator | undefined;
  validators(ctx: Context): Iterable<Validator>;
  getDelegation(ctx: Context, del: Uint8Array, val: Uint8Array): Delegation | undefined;
  delegations(ctx: Context): Iterable<Delegation>;
  /** The tokens a delegation's shares are worth now. */
  delegationBalance(ctx: Context, d: Delegation): bigint;
  operatorByConsensusAddress(ctx: Context, cons: Uint8Array): Uint8Array | undefined;
  bondDenom(ctx: Context): string;
}
