// The genutil module as the app wires it: only the `app_state.genutil` section. Delivering its gentxs needs the
// app's tx runner, so InitChain does that after every module's genesis (chain/app/gentxs.ts), as the SDK's genutil
// calls DeliverGenTxs with the app's deliver function.
import type { AppModule } from '../../chain/types/module.js';
import { defaultGenutilGenesis, validateGenutilGenesis } from './genesis.js';

export function genutilModule() {
  return {
    name: 'genutil',
    msgs: [],
    queries: [],
    defaultGenesis: defaultGenutilGenesis,
    validateGenesis: validateGenutilGenesis,
    // A plain (JSON) section: the app hands it over as it is, so it is checked here (the gentxs run later).
    initGenesis: (_ctx, g) => validateGenutilGenesis(g),
    exportGenesis: defaultGenutilGenesis,
    invariants: [],
  } satisfies AppModule;
}

export { genTxsOf, type GenutilGenesis } from './genesis.js';
export { genutilErrors } from './errors.js';
