// The one visible place where modules are built and connected: keepers get their store prefixes and the small
// interfaces they need from each other.
import type { AppModule, MsgService, QueryService } from '../types/module.js';
import { AuthKeeper, authModule } from '../../modules/auth/module.js';
import { BankKeeper, bankModule } from '../../modules/bank/module.js';
import { storePrefix } from './store-prefixes.js';
import type { AnteKeepers } from '../tx/ante.js';

export const FEE_COLLECTOR = 'fee_collector';

export interface Wiring {
  auth: AuthKeeper;
  bank: BankKeeper;
  /** In genesis and export order. */
  modules: AppModule[];
  msgs: Map<string, { service: MsgService; module: string }>;
  queries: Map<string, QueryService>;
  ante: AnteKeepers;
}

export function wireModules(): Wiring {
  const auth = new AuthKeeper(storePrefix('auth'));
  const bank = new BankKeeper(storePrefix('bank'), auth);
  const modules: AppModule[] = [authModule(auth), bankModule(bank)];

  const msgs = new Map<string, { service: MsgService; module: string }>();
  const queries = new Map<string, QueryService>();
  for (const m of modules) {
    for (const s of m.msgs) {
      if (msgs.has(s.typeUrl)) throw new Error(`message ${s.typeUrl} registered twice`);
      msgs.set(s.typeUrl, { service: s, module: m.name });
    }
    for (const q of m.queries) {
      if (queries.has(q.path)) throw new Error(`query ${q.path} registered twice`);
      queries.set(q.path, q);
    }
  }

  const ante: AnteKeepers = {
    getAccount: (ctx, addr) => auth.getAccount(ctx, addr),
    setAccount: (ctx, a) => auth.setAccount(ctx, a),
    getParams: (ctx) => auth.getParams(ctx),
    minGasPrices: (ctx) => auth.getFeeParams(ctx).minGasPrices,
    spendable: (ctx, addr, denom) => bank.getBalance(ctx, addr, denom),
    deductFee: (ctx, payer, fee) => {
      auth.moduleAccount(ctx, FEE_COLLECTOR);
      bank.sendFromAccountToModule(ctx, payer, FEE_COLLECTOR, fee);
    },
  };
  return { auth, bank, modules, msgs, queries, ante };
}
