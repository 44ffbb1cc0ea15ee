// The auth module as the app wires it: accounts, sequences, public keys and the fee rules the ante checks read;
// governance changes its params.
import type { AppModule } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/auth/v1/genesis.js';
import { AuthKeeper } from './keeper.js';
import { authQueries } from './queries.js';
import { authMsgs } from './msgs.js';
import { defaultAuthGenesis, exportAuthGenesis, initAuthGenesis, validateAuthGenesis } from './genesis.js';
import { authInvariants } from './invariants.js';

export function authModule(keeper: AuthKeeper, authority: string) {
  return {
    name: 'auth',
    msgs: authMsgs(keeper, authority),
    queries: authQueries(keeper),
    genesisJSON: GenesisState,
    defaultGenesis: defaultAuthGenesis,
    validateGenesis: validateAuthGenesis,
    initGenesis: (ctx, g) => initAuthGenesis(ctx, keeper, g),
    exportGenesis: (ctx) => exportAuthGenesis(ctx, keeper),
    invariants: authInvariants(keeper),
  } satisfies AppModule<GenesisState>;
}

export { AuthKeeper };
