// The per-block mint (as Cosmos x/mint, with a flat rate): each block mints supply × inflation_rate / blocks_per_year
// of the bond denom into the fee collector, where distribution's end block finds it with the block's fees.
import type { Params } from '../../proto/gen/aichain/mint/v1/types.js';
import type { Context } from '../../chain/types/context.js';
import { formatCoins, type Amount } from '../../chain/types/coins.js';
import { divRound, mulIntDec, parseDec } from '../../chain/types/dec.js';
import { mintState } from './keys.js';
import { defaultParams } from './params.js';
import type { BankKeeper, StakingKeeper } from './expected.js';
import { emitMint } from './events.js';

export class MintKeeper {
  readonly state: ReturnType<typeof mintState>;
  constructor(
    readonly storePrefix: Uint8Array,
    private readonly bank: BankKeeper,
    private readonly staking: StakingKeeper,
    /** The module account the minted coins go to (the fee collector, which distribution empties each block). */
    private readonly feeCollector: string,
  ) {
    this.state = mintState(storePrefix);
  }

  getParams(ctx: Context): Params {
    return this.state.params.get(ctx) ?? defaultParams();
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  /** The bond-denom tokens minted this block: supply × inflation_rate / blocks_per_year, rounded down. */
  blockProvision(ctx: Context): Amount {
    const p = this.getParams(ctx);
    const denom = this.staking.bondDenom(ctx);
    const annual = mulIntDec(this.bank.getSupply(ctx, denom), parseDec(p.inflationRate), 'floor');
    return { denom, amount: divRound(annual, p.blocksPerYear, 'floor') };
  }

  /** Runs in end block, before distribution's: mints this block's provision into the fee collector. */
  mintBlockProvision(ctx: Context): void {
    const minted = this.blockProvision(ctx);
    if (minted.amount === 0n) return;
    this.bank.mintCoins(ctx, this.feeCollector, [minted]);
    emitMint(ctx, formatCoins([minted]));
  }
}
