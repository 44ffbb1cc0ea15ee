// The bank module as the app wires it.
import type { AppModule } from '../../chain/types/module.js';
import { BankKeeper } from './keeper.js';
import { bankMsgs } from './msgs.js';
import { bankQueries } from './queries.js';
import { defaultBankGenesis, exportBankGenesis, initBankGenesis, type BankGenesis } from './genesis.js';
import { bankInvariants } from './invariants.js';

export function bankModule(keeper: BankKeeper) {
  return {
    name: 'bank',
    msgs: bankMsgs(keeper),
    queries: bankQueries(keeper),
    defaultGenesis: defaultBankGenesis,
    initGenesis: (ctx, g) => initBankGenesis(ctx, keeper, g as BankGenesis),
    exportGenesis: (ctx) => exportBankGenesis(ctx, keeper),
    invariants: bankInvariants(keeper),
  } satisfies AppModule;
}

export { BankKeeper };
