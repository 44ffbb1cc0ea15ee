// The staking module as the app wires it. Its begin-block hook slashes and jails from FinalizeBlock's evidence and
// last commit (slashing.ts); its end-block hook completes matured unbondings and redelegations; the
// app then calls `keeper.applyValidatorSetChanges` (after every module's end block) for FinalizeBlock's
// validator updates.
import type { AppModule } from '../../chain/types/module.js';
import { StakingKeeper } from './keeper.js';
import { stakingMsgs } from './msgs.js';
import { Providers } from './providers.js';
import { stakingQueries } from './queries.js';
import { defaultStakingGenesis, exportStakingGenesis, initStakingGenesis, type StakingGenesis } from './genesis.js';
import { stakingInvariants } from './invariants.js';
import { StakingSlashing, type Slasher } from './slashing.js';

export function stakingModule(keeper: StakingKeeper, providers: Providers = new Providers(keeper)) {
  const slashing = new StakingSlashing(keeper);
  return {
    name: 'staking',
    msgs: stakingMsgs(keeper, providers),
    queries: stakingQueries(keeper, providers),
    defaultGenesis: defaultStakingGenesis,
    initGenesis: (ctx, g) => initStakingGenesis(ctx, keeper, g as StakingGenesis),
    exportGenesis: (ctx) => exportStakingGenesis(ctx, keeper),
    beginBlock: (ctx) => { slashing.beginBlock(ctx); },
    endBlock: (ctx) => { keeper.completeMatured(ctx); },
    invariants: stakingInvariants(keeper),
  } satisfies AppModule;
}

/** The slashing interface other modules (verification, tasks) are handed at wiring time. */
export const stakingSlasher = (keeper: StakingKeeper): Slasher => new StakingSlashing(keeper);

export { StakingKeeper };
export { Providers, type ProviderRegistry, type ProviderStanding } from './providers.js';
export { operatorOf, parseTarget, providerId, targetAddress } from './target.js';
export type { Slasher, SlashTarget } from './slashing.js';
