// Mint genesis: aichain.mint.v1.GenesisState (JSON through its generated proto-JSON mapping), checked in one place.
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { GenesisState } from '../../proto/gen/aichain/mint/v1/genesis.js';
import type { MintKeeper } from './keeper.js';
import { defaultParams, validateParams } from './params.js';
import { mintErrors } from './errors.js';

export { GenesisState as MintGenesis };

export const defaultMintGenesis = (): GenesisState => ({ params: defaultParams() });

export function validateMintGenesis(g: GenesisState): void {
  checkGenesis(mintErrors.invalidGenesis, () => field('params', () => validateParams(g.params ?? defaultParams())));
}

export function initMintGenesis(ctx: Context, k: MintKeeper, g: GenesisState): void {
  k.setParams(ctx, validateParams(g.params ?? defaultParams()));
}

export function exportMintGenesis(ctx: Context, k: MintKeeper): GenesisState {
  return { params: k.getParams(ctx) };
}
