// The distribution module as the app wires it: its end-block hook distributes the block's rewards (the fees, and
// what modules/mint minted into the fee collector just before), so the fee collector is empty at every commit and
// an export holds no undistributed fees; staking calls its hooks whenever a delegation changes or a target is slashed.
import type { AppModule } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import type { GenesisState } from '../../proto/gen/aichain/distribution/v1/genesis.js';
import { DistributionKeeper } from './keeper.js';
import { distributionMsgs } from './msgs.js';
import { distributionQueries } from './queries.js';
import {
  defaultDistributionGenesis,
  distributionGenesisJSON,
  exportDistributionGenesis,
  initDistributionGenesis,
  validateDistributionGenesis,
} from './genesis.js';
import { distributionInvariants } from './invariants.js';
import type { StakingKeeper } from './expected.js';

export function distributionModule(
  keeper: DistributionKeeper,
  staking: StakingKeeper,
  balances: (ctx: Context, addr: Uint8Array) => Amount[],
  authority: string,
) {
  return {
    name: 'distribution',
    msgs: distributionMsgs(keeper, staking, authority),
    queries: distributionQueries(keeper, staking),
    genesisJSON: distributionGenesisJSON,
    defaultGenesis: defaultDistributionGenesis,
    validateGenesis: (g) => validateDistributionGenesis(g, (a) => staking.parseTarget(a)),
    initGenesis: (ctx, g) => initDistributionGenesis(ctx, keeper, staking, g),
    exportGenesis: (ctx) => exportDistributionGenesis(ctx, keeper),
    endBlock: (ctx) => {
      keeper.distributeBlockRewards(ctx);
    },
    invariants: distributionInvariants(keeper, staking, balances),
  } satisfies AppModule<GenesisState>;
}

export { DistributionKeeper };

/** What the task market is handed to pay a target's share of task fees to it and its delegators. */
export interface TargetRewards {
  depositTargetRewards(ctx: Context, fromModule: string, target: Uint8Array, amounts: Amount[]): void;
}
