// The mint module as the app wires it: its end-block hook mints the block's provision into the fee collector; it
// is wired before distribution, whose end block then distributes the collector's balance (fees + mint).
import type { AppModule } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/mint/v1/genesis.js';
import { MintKeeper } from './keeper.js';
import { mintQueries } from './queries.js';
import { mintMsgs } from './msgs.js';
import { defaultMintGenesis, exportMintGenesis, initMintGenesis, validateMintGenesis } from './genesis.js';

export function mintModule(keeper: MintKeeper, authority: string) {
  return {
    name: 'mint',
    msgs: mintMsgs(keeper, authority),
    queries: mintQueries(keeper),
    genesisJSON: GenesisState,
    defaultGenesis: defaultMintGenesis,
    validateGenesis: validateMintGenesis,
    initGenesis: (ctx, g) => initMintGenesis(ctx, keeper, g),
    exportGenesis: (ctx) => exportMintGenesis(ctx, keeper),
    endBlock: (ctx) => {
      keeper.mintBlockProvision(ctx);
    },
    invariants: [],
  } satisfies AppModule<GenesisState>;
}

export { MintKeeper };
