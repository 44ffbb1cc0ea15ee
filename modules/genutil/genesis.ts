// Genutil genesis: `app_state.genutil.gen_txs`, the signed genesis transactions (gentxs) in the Cosmos SDK's JSON
// form. InitChain delivers them after every module's genesis; the module itself keeps no state, so an export has
// none (the validators they created are in staking's export), as the SDK's genutil exports.
import { checkGenesis, genesisField as field } from '../../chain/types/module.js';
import { genutilErrors } from './errors.js';

export interface GenutilGenesis {
  gen_txs: Array<Record<string, unknown>>;
}

export const defaultGenutilGenesis = (): GenutilGenesis => ({ gen_txs: [] });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The section's shape: `{gen_txs: [object, …]}` and nothing else (each tx is checked when it is decoded). */
export function validateGenutilGenesis(g: unknown): void {
  checkGenesis(genutilErrors.invalidGenesis, () => {
    if (!isObject(g)) throw new Error('must be an object {gen_txs: [...]}');
    for (const k of Object.keys(g)) if (k !== 'gen_txs') field(k, () => fail('is not a known field'));
    const txs = g.gen_txs ?? [];
    if (!Array.isArray(txs)) field('gen_txs', () => fail('must be a list'));
    (txs as unknown[]).forEach((t, i) => {
      if (!isObject(t)) field(`gen_txs[${i}]`, () => fail('must be a transaction object'));
    });
  });
}

const fail = (why: string): never => {
  throw new Error(why);
};

/** The gentxs of a parsed section. */
export const genTxsOf = (g: unknown): Array<Record<string, unknown>> =>
  ((g as Partial<GenutilGenesis> | undefined)?.gen_txs ?? []) as Array<Record<string, unknown>>;
