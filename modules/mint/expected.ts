// What mint needs from bank and staking, declared on its own side and handed in at wiring time.
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';

export interface BankKeeper {
  getSupply(ctx: Context, denom: string): bigint;
  /** Mints into a module account (creating it if needed), raising the supply. */
  mintCoins(ctx: Context, module: string, amounts: readonly Amount[]): void;
}

export interface StakingKeeper {
  bondDenom(ctx: Context): string;
}
