// The bank module as the app wires it.
import type { AppModule } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/bank/v1/genesis.js';
import { BankKeeper } from './keeper.js';
import { bankMsgs } from './msgs.js';
import { bankParamsMsg } from './params.js';
import { bankQueries } from './queries.js';
import { defaultBankGenesis, exportBankGenesis, initBankGenesis, validateBankGenesis } from './genesis.js';
import { bankInvariants } from './invariants.js';

export function bankModule(keeper: BankKeeper, authority: string) {
  return {
    name: 'bank',
    msgs: [...bankMsgs(keeper), bankParamsMsg(keeper, authority)],
    queries: bankQueries(keeper),
    genesisJSON: GenesisState,
    defaultGenesis: defaultBankGenesis,
    validateGenesis: validateBankGenesis,
    initGenesis: (ctx, g) => initBankGenesis(ctx, keeper, g),
    exportGenesis: (ctx) => exportBankGenesis(ctx, keeper),
    invariants: bankInvariants(keeper),
  } satisfies AppModule<GenesisState>;
}

export { BankKeeper };
