// The staking module as the app wires it. Its end-block hook completes matured unbondings and redelegations; the
// app then calls `keeper.applyValidatorSetChanges` (after every module's end block) for FinalizeBlock's
// validator updates.
import type { AppModule } from '../../chain/types/module.js';
import { StakingKeeper } from './keeper.js';
import { stakingMsgs } from './msgs.js';
import { stakingQueries } from './queries.js';
import { defaultStakingGenesis, exportStakingGenesis, initStakingGenesis, type StakingGenesis } from './genesis.js';
import { stakingInvariants } from './invariants.js';

export function stakingModule(keeper: StakingKeeper) {
  return {
    name: 'staking',
    msgs: stakingMsgs(keeper),
    queries: stakingQueries(keeper),
    defaultGenesis: defaultStakingGenesis,
    initGenesis: (ctx, g) => initStakingGenesis(ctx, keeper, g as StakingGenesis),
    exportGenesis: (ctx) => exportStakingGenesis(ctx, keeper),
    endBlock: (ctx) => { keeper.completeMatured(ctx); },
    invariants: stakingInvariants(keeper),
  } satisfies AppModule;
}

export { StakingKeeper };
