// Verification genesis: aichain.verify.v1.GenesisState (params only for now: a chain starts with an empty queue;
// exporting a live queue, records and fault windows is left to do, see issue 11).
import { GenesisState } from '../../proto/gen/aichain/verify/v1/genesis.js';
import type { Context } from '../../chain/types/context.js';
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import type { VerifyKeeper } from './keeper.js';
import { defaultParams, validateParams } from './params.js';
import { verifyErrors } from './errors.js';

export { GenesisState as VerifyGenesis };

export const defaultVerifyGenesis = (): GenesisState => ({ params: defaultParams() });

export function validateVerifyGenesis(g: GenesisState): void {
  checkGenesis(verifyErrors.invalidGenesis, () => {
    field('params', () => validateParams(g.params ?? defaultParams()));
  });
}

export function initVerifyGenesis(ctx: Context, k: VerifyKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params ?? defaultParams());
}

export const exportVerifyGenesis = (ctx: Context, k: VerifyKeeper): GenesisState => ({ params: k.getParams(ctx) });
