// The models module as the app wires it: the registry's messages, queries, genesis, invariants, and the end-block
// hook that releases matured bonds.
import type { AppModule } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/models/v1/genesis.js';
import { ModelsKeeper } from './keeper.js';
import type { AccountKeeper } from './expected.js';
import { modelsMsgs } from './msgs.js';
import { modelsQueries } from './queries.js';
import { defaultModelsGenesis, exportModelsGenesis, initModelsGenesis, validateModelsGenesis } from './genesis.js';
import { modelsInvariants } from './invariants.js';

export function modelsModule(keeper: ModelsKeeper, accounts: AccountKeeper, authority: string) {
  return {
    name: 'models',
    msgs: modelsMsgs(keeper, authority),
    queries: modelsQueries(keeper),
    genesisJSON: GenesisState,
    defaultGenesis: defaultModelsGenesis,
    validateGenesis: validateModelsGenesis,
    initGenesis: (ctx, g) => initModelsGenesis(ctx, keeper, accounts, g),
    exportGenesis: (ctx) => exportModelsGenesis(ctx, keeper),
    endBlock: (ctx) => {
      keeper.releaseMatured(ctx);
    },
    invariants: modelsInvariants(keeper),
  } satisfies AppModule<GenesisState>;
}

export { ModelsKeeper };
