// The staking module as the app wires it. Its end-block hook completes matured unbondings and redelegations; the
// app then calls `keeper.activeSet.applyChanges` (after every module's end block) for FinalizeBlock's validator
// updates. Double sign, downtime, jail and unjail are modules/slashing's, over the view in `stakingSlashingView`.
import type { AppModule } from '../../chain/types/module.js';
import type { GenesisState } from '../../proto/gen/aichain/staking/v1/genesis.js';
import { StakingKeeper } from './keeper.js';
import { stakingMsgs } from './msgs.js';
import { stakingQueries } from './queries.js';
import {
  defaultStakingGenesis,
  exportStakingGenesis,
  initStakingGenesis,
  stakingGenesisJSON,
  validateStakingGenesis,
} from './genesis.js';
import { stakingInvariants } from './invariants.js';

export function stakingModule(keeper: StakingKeeper, authority: string) {
  return {
    name: 'staking',
    msgs: stakingMsgs(keeper, authority),
    queries: stakingQueries(keeper),
    genesisJSON: stakingGenesisJSON,
    defaultGenesis: defaultStakingGenesis,
    validateGenesis: validateStakingGenesis,
    initGenesis: (ctx, g) => initStakingGenesis(ctx, keeper, g),
    exportGenesis: (ctx) => exportStakingGenesis(ctx, keeper),
    endBlock: (ctx) => {
      keeper.queues.completeMatured(ctx);
    },
    invariants: stakingInvariants(keeper),
  } satisfies AppModule<GenesisState>;
}

export { StakingKeeper };
export { Providers, type ProviderRegistry, type ProviderStanding } from './providers.js';
export { operatorOf, parseTarget, providerId, targetAddress } from './target.js';
export { stakingView, type StakingView } from './view.js';
export { BONDED_POOL, NOT_BONDED_POOL } from './pools.js';
