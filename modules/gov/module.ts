// The gov module as the app wires it: its messages (v1 and v1beta1), queries, genesis, invariants and the end-block
// hook (deposit expiry, then tallies and execution).
import type { AppModule } from '../../chain/types/module.js';
import type { Context } from '../../chain/types/context.js';
import type { Amount } from '../../chain/types/coins.js';
import { GenesisState } from '../../proto/gen/aichain/gov/v1/genesis.js';
import { GovKeeper } from './keeper.js';
import type { AccountKeeper } from './expected.js';
import { govMsgs } from './msgs.js';
import { govQueries } from './queries.js';
import { defaultGovGenesis, exportGovGenesis, initGovGenesis, validateGovGenesis } from './genesis.js';
import { govInvariants } from './invariants.js';

export function govModule(
  keeper: GovKeeper,
  accounts: AccountKeeper,
  balances: (ctx: Context, addr: Uint8Array) => Amount[],
) {
  return {
    name: 'gov',
    msgs: govMsgs(keeper),
    queries: govQueries(keeper),
    genesisJSON: GenesisState,
    defaultGenesis: defaultGovGenesis,
    validateGenesis: (g) => validateGovGenesis(keeper, g),
    initGenesis: (ctx, g) => initGovGenesis(ctx, keeper, accounts, g),
    exportGenesis: (ctx) => exportGovGenesis(ctx, keeper),
    endBlock: (ctx) => {
      keeper.endBlock(ctx);
    },
    invariants: govInvariants(keeper, balances),
  } satisfies AppModule<GenesisState>;
}

export { GovKeeper, GOV_AUTHORITY, MODULE_NAME as GOV_MODULE } from './keeper.js';
export type * from './expected.js';
