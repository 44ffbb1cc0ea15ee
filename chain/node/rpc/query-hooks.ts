// abci_query paths the node answers itself instead of the app, because the data lives in the node (block store,
// tx index), as a Cosmos node's gRPC services do. Add hooks to the map DevNode.start receives.
import type { RequestQuery, ResponseQuery } from 'cosmjs-types/tendermint/abci/types';
import { GetTxRequest, GetTxResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { AuthInfo, Tx, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { BlockStore } from '../blockstore.js';
import type { TxIndex } from '../txindex.js';
import { formatRfc3339Nano } from '../time.js';

export interface QueryHookContext {
  store: BlockStore;
  txIndex: TxIndex;
  latestHeight: bigint;
}
export type QueryHook = (req: RequestQuery, ctx: QueryHookContext) => Promise<ResponseQuery>;

/** Cosmos SDK codes for gRPC errors over ABCI (codespace "sdk"). */
const SDK_INVALID_REQUEST = 18;
const SDK_NOT_FOUND = 22;

const answer = (height: bigint, fields: Partial<ResponseQuery>): ResponseQuery => ({
  code: 0,
  log: '',
  info: '',
  index: 0n,
  key: new Uint8Array(0),
  value: new Uint8Array(0),
  height,
  codespace: '',
  ...fields,
});
const fail = (height: bigint, code: number, log: string) => answer(height, { code, log, codespace: 'sdk' });

/** cosmos.tx.v1beta1.Service/GetTx from the tx index. */
export const getTxHook: QueryHook = async (req, ctx) => {
  let hash: string;
  try {
    hash = GetTxRequest.decode(req.data).hash;
  } catch {
    return fail(ctx.latestHeight, SDK_INVALID_REQUEST, 'rpc error: code = InvalidArgument desc = invalid request');
  }
  if (!/^([0-9a-fA-F]{64})$/.test(hash))
    return fail(
      ctx.latestHeight,
      SDK_INVALID_REQUEST,
      'rpc error: code = InvalidArgument desc = tx hash must be 64 hex characters',
    );
  const t = await ctx.txIndex.get(new Uint8Array(Buffer.from(hash, 'hex')));
  if (!t)
    return fail(
      ctx.latestHeight,
      SDK_NOT_FOUND,
      `rpc error: code = NotFound desc = tx not found: ${hash.toUpperCase()}`,
    );
  let tx: Tx | undefined;
  try {
    const raw = TxRaw.decode(t.tx);
    tx = {
      body: TxBody.decode(raw.bodyBytes),
      authInfo: AuthInfo.decode(raw.authInfoBytes),
      signatures: raw.signatures,
    };
  } catch {
    tx = undefined;
  } // not a Cosmos tx: answer with the result only
  const block = await ctx.store.loadBlock(t.height);
  const r = t.result;
  const res = GetTxResponse.fromPartial({
    tx,
    txResponse: {
      height: t.height,
      txhash: hash.toUpperCase(),
      codespace: r.codespace,
      code: r.code,
      data: Buffer.from(r.data).toString('hex').toUpperCase(),
      rawLog: r.log,
      logs: [],
      info: r.info,
      gasWanted: r.gasWanted,
      gasUsed: r.gasUsed,
      tx: tx ? { typeUrl: '/cosmos.tx.v1beta1.Tx', value: Tx.encode(tx).finish() } : undefined,
      timestamp: block ? formatRfc3339Nano(block.header.time) : '',
      events: r.events.map((e) => ({
        type: e.type,
        attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })),
      })),
    },
  });
  return answer(ctx.latestHeight, { value: GetTxResponse.encode(res).finish() });
};

export const defaultQueryHooks = (): Map<string, QueryHook> =>
  new Map([['/cosmos.tx.v1beta1.Service/GetTx', getTxHook]]);
