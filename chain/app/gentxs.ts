// InitChain's last genesis step, the Cosmos SDK's genutil DeliverGenTxs: every gentx of `app_state.genutil.gen_txs`
// runs as a tx (ante in genesis mode: no fee, account number 0), in order, after every module's genesis; any failure
// fails InitChain with the tx's code. Then staking computes the bonded set they made: InitChain's answer to CometBFT.
import type { CacheKV } from '../store/cachekv.js';
import type { Context, BlockInfo } from '../types/context.js';
import { txFromJSON, TxJsonError, type JsonCodec } from '../tx/json.js';
import { genutilErrors } from '../../modules/genutil/module.js';
import { runTx, type RunTxDeps } from './runtx.js';
import type { Wiring } from './modules.js';

/** The JSON codec of a message the chain accepts. */
export const msgJsonCodec = (wiring: Wiring) => (typeUrl: string) =>
  wiring.msgs.get(typeUrl)?.service.codec as JsonCodec | undefined;

/** Delivers `genTxs` into `cache`; true when there were any (staking's set was then recomputed). */
export function deliverGenTxs(
  deps: RunTxDeps,
  ctx: Context,
  cache: CacheKV,
  block: BlockInfo,
  genTxs: ReadonlyArray<Record<string, unknown>>,
): boolean {
  if (genTxs.length === 0) return false;
  genTxs.forEach((json, i) => {
    let bytes: Uint8Array;
    try {
      bytes = txFromJSON(json, msgJsonCodec(deps.wiring));
    } catch (e) {
      if (e instanceof TxJsonError) throw genutilErrors.invalidGentx(`gen_txs[${i}]: ${e.message}`);
      throw e;
    }
    const r = runTx(deps, 'genesis', cache, block, bytes);
    if (r.code !== 0) throw genutilErrors.gentxFailed(`gen_txs[${i}]: ${r.codespace} code ${r.code}: ${r.log}`);
  });
  deps.wiring.staking.activeSet.applyChanges(ctx);
  return true;
}
