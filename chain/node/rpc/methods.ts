// The JSON-RPC methods CometBFT v0.38 serves that CosmJS and tools use, answered from the dev node's block store,
// tx index, mempool and app, in CometBFT's shapes (see test/fixtures/cometbft-0.38.25/rpc).
import type { ResponseCheckTx } from 'cosmjs-types/tendermint/abci/types';
import { CheckTxType } from 'cosmjs-types/tendermint/abci/types';
import type { AbciApplication } from '../../app/application.js';
import type { BlockStore } from '../blockstore.js';
import { consensusParamsToJson } from '../consensus-params.js';
import { COMETBFT_VERSION, P2P_PROTOCOL } from '../handshake.js';
import { genesisToJson, type GenesisDoc } from '../genesis-doc.js';
import { sha256 } from '../merkle.js';
import { MempoolError, type Mempool } from '../mempool.js';
import type { PrivValidator } from '../privval.js';
import { BLOCK_PROTOCOL } from '../producer.js';
import { QueryError } from '../query.js';
import type { NodeState } from '../state.js';
import { formatRfc3339Nano } from '../time.js';
import type { IndexedTx, TxIndex } from '../txindex.js';
import { compareBytes } from '../validators.js';
import {
  b64,
  b64OrNull,
  blockIdJson,
  blockJson,
  blockResultsJson,
  commitJson,
  headerJson,
  HEX,
  indexedTxJson,
  pubKeyJson,
  txResultJson,
  validatorJson,
} from './encode.js';
import { internalError, invalidParams } from './errors.js';
import type { Args, ArgSpec } from './params.js';
import type { QueryHook } from './query-hooks.js';

export interface RpcContext {
  app: AbciApplication;
  store: BlockStore;
  txIndex: TxIndex;
  mempool: Mempool;
  genesis: GenesisDoc;
  privVal: PrivValidator;
  nodeId: string;
  moniker: string;
  rpcAddress: () => string;
  state: () => NodeState;
  queryHooks: Map<string, QueryHook>;
  /** Resolves when a tx with this hash is committed, or undefined after timeoutMs. */
  waitForTx: (hash: Uint8Array, timeoutMs: number) => Promise<IndexedTx | undefined>;
  broadcastTxCommitTimeoutMs: number;
}

export interface Method {
  args: ArgSpec[];
  run: (ctx: RpcContext, a: Args) => Promise<unknown>;
}

const int = (name: string): ArgSpec => ({ name, type: 'int' });
const str = (name: string): ArgSpec => ({ name, type: 'string' });
const bytes = (name: string): ArgSpec => ({ name, type: 'bytes' });
const bool = (name: string): ArgSpec => ({ name, type: 'bool' });

const latest = (ctx: RpcContext) => ctx.state().lastHeight;

/** A height argument: absent or 0 means latest; must be within [base, latest] (CometBFT's getHeight). */
function heightArg(ctx: RpcContext, h: Args[string]): bigint {
  const top = latest(ctx);
  if (h === undefined || h === 0n) return top;
  const n = h as bigint;
  if (n <= 0n) throw internalError('height must be greater than 0, but got ' + n);
  if (n > top) throw internalError(`height ${n} must be less than or equal to the current blockchain height ${top}`);
  const base = ctx.store.base();
  if (n < base) throw internalError(`height ${n} is not available, lowest height is ${base}`);
  return n;
}

function pageArgs(page: Args[string], perPage: Args[string], total: number): { page: number; perPage: number } {
  const pp = perPage === undefined || (perPage as bigint) <= 0n ? 30 : Math.min(Number(perPage), 100);
  const pages = Math.max(1, Math.ceil(total / pp));
  const p = page === undefined ? 1 : Number(page);
  if (p < 1 || p > pages) throw internalError(`page should be within [1, ${pages}] range, given ${p}`);
  return { page: p, perPage: pp };
}

async function loadBlockJson(ctx: RpcContext, h: bigint) {
  const [block, id] = await Promise.all([ctx.store.loadBlock(h), ctx.store.loadBlockId(h)]);
  if (!block || !id) throw internalError(`block at height ${h} not found`);
  return { block_id: blockIdJson(id), block: blockJson(block) };
}

const checkTxJson = (r: ResponseCheckTx) => txResultJson(r);

async function broadcastSync(ctx: RpcContext, tx: Uint8Array) {
  try {
    const r = await ctx.mempool.checkTx(tx);
    return { code: r.code, data: HEX(r.data), log: r.log, codespace: r.codespace, hash: HEX(sha256(tx)) };
  } catch (e) {
    if (e instanceof MempoolError) throw internalError(e.message);
    throw e;
  }
}

const txArg = (a: Args): Uint8Array => {
  const tx = a.tx as Uint8Array | undefined;
  if (!tx || !tx.length) throw invalidParams('error converting json params to arguments: tx is required');
  return tx;
};

export const methods: Record<string, Method> = {
  health: { args: [], run: async () => ({}) },

  status: {
    args: [],
    run: async (ctx) => {
      const s = ctx.state();
      const top = s.lastHeight,
        base = ctx.store.base();
      const [lb, eb] = await Promise.all([ctx.store.loadBlock(top), ctx.store.loadBlock(base)]);
      const [lid, eid] = await Promise.all([ctx.store.loadBlockId(top), ctx.store.loadBlockId(base)]);
      const me = s.validators.find((v) => compareBytes(v.address, ctx.privVal.address) === 0);
      return {
        node_info: {
          protocol_version: { p2p: String(P2P_PROTOCOL), block: String(BLOCK_PROTOCOL), app: String(s.appVersion) },
          id: ctx.nodeId,
          listen_addr: 'tcp://127.0.0.1:26656',
          network: s.chainId,
          version: COMETBFT_VERSION,
          channels: '40202122233038606100',
          moniker: ctx.moniker,
          other: { tx_index: 'on', rpc_address: ctx.rpcAddress() },
        },
        sync_info: {
          latest_block_hash: lid ? HEX(lid.hash) : '',
          latest_app_hash: lb ? HEX(lb.header.appHash) : '',
          latest_block_height: String(top),
          latest_block_time: formatRfc3339Nano(lb ? lb.header.time : s.lastBlockTime),
          earliest_block_hash: eid ? HEX(eid.hash) : '',
          earliest_app_hash: eb ? HEX(eb.header.appHash) : '',
          earliest_block_height: String(base),
          earliest_block_time: formatRfc3339Nano(eb ? eb.header.time : s.lastBlockTime),
          catching_up: false,
        },
        validator_info: {
          address: HEX(ctx.privVal.address),
          pub_key: pubKeyJson(ctx.privVal.pubKey),
          voting_power: String(me?.power ?? 0n),
        },
      };
    },
  },

  abci_info: {
    args: [],
    run: async (ctx) => {
      const r = await ctx.app.info({
        version: COMETBFT_VERSION,
        blockVersion: BLOCK_PROTOCOL,
        p2pVersion: P2P_PROTOCOL,
        abciVersion: '2.0.0',
      });
      return {
        response: {
          data: r.data,
          version: r.version,
          app_version: String(r.appVersion),
          last_block_height: String(r.lastBlockHeight),
          last_block_app_hash: b64(r.lastBlockAppHash),
        },
      };
    },
  },

  abci_query: {
    args: [str('path'), { name: 'data', type: 'hexbytes' }, int('height'), bool('prove')],
    run: async (ctx, a) => {
      const req = {
        path: (a.path as string) ?? '',
        data: (a.data as Uint8Array) ?? new Uint8Array(0),
        height: (a.height as bigint) ?? 0n,
        prove: (a.prove as boolean) ?? false,
      };
      const hook = ctx.queryHooks.get(req.path);
      const r = hook
        ? await hook(req, { store: ctx.store, txIndex: ctx.txIndex, latestHeight: latest(ctx) })
        : await ctx.app.query(req);
      return {
        response: {
          code: r.code,
          log: r.log,
          info: r.info,
          index: String(r.index),
          key: b64OrNull(r.key),
          value: b64OrNull(r.value),
          proofOps:
            r.proofOps && r.proofOps.ops.length
              ? { ops: r.proofOps.ops.map((o) => ({ type: o.type, key: b64(o.key), data: b64(o.data) })) }
              : null,
          // CosmJS rejects height 0; an app that leaves it unset answered at the latest height.
          height: String(r.height > 0n ? r.height : latest(ctx)),
          codespace: r.codespace,
        },
      };
    },
  },

  broadcast_tx_sync: { args: [bytes('tx')], run: (ctx, a) => broadcastSync(ctx, txArg(a)) },

  broadcast_tx_async: {
    args: [bytes('tx')],
    run: async (ctx, a) => {
      const tx = txArg(a);
      ctx.mempool.checkTx(tx).catch(() => undefined); // CometBFT does not wait for CheckTx here either
      return { code: 0, data: '', log: '', codespace: '', hash: HEX(sha256(tx)) };
    },
  },

  broadcast_tx_commit: {
    args: [bytes('tx')],
    run: async (ctx, a) => {
      const tx = txArg(a);
      const hash = sha256(tx);
      const waiting = ctx.waitForTx(hash, ctx.broadcastTxCommitTimeoutMs);
      let check: ResponseCheckTx;
      try {
        check = await ctx.mempool.checkTx(tx);
      } catch (e) {
        if (e instanceof MempoolError) throw internalError(e.message);
        throw e;
      }
      const empty = {
        code: 0,
        data: null,
        log: '',
        info: '',
        gas_wanted: '0',
        gas_used: '0',
        events: [],
        codespace: '',
      };
      if (check.code !== 0) return { check_tx: checkTxJson(check), tx_result: empty, hash: HEX(hash), height: '0' };
      const t = await waiting;
      if (!t) throw internalError('timed out waiting for tx to be included in a block');
      return {
        check_tx: checkTxJson(check),
        tx_result: txResultJson(t.result),
        hash: HEX(hash),
        height: String(t.height),
      };
    },
  },

  check_tx: {
    args: [bytes('tx')],
    run: async (ctx, a) => checkTxJson(await ctx.app.checkTx({ tx: txArg(a), type: CheckTxType.NEW })),
  },

  tx: {
    args: [bytes('hash'), bool('prove')],
    run: async (ctx, a) => {
      const hash = (a.hash as Uint8Array | undefined) ?? new Uint8Array(0);
      const t = await ctx.txIndex.get(hash);
      if (!t) throw internalError(`tx (${HEX(hash)}) not found`);
      return indexedTxJson(t);
    },
  },

  tx_search: {
    args: [str('query'), bool('prove'), int('page'), int('per_page'), str('order_by')],
    run: async (ctx, a) => {
      const order = ((a.order_by as string) ?? '').toLowerCase();
      if (order !== '' && order !== 'asc' && order !== 'desc')
        throw internalError('expected order_by to be either `asc` or `desc` or empty');
      try {
        const pp = a.per_page === undefined || (a.per_page as bigint) <= 0n ? 30 : Math.min(Number(a.per_page), 100);
        const r = await ctx.txIndex.search((a.query as string) ?? '', {
          page: a.page === undefined ? 1 : Number(a.page),
          perPage: pp,
          orderBy: order as 'asc' | 'desc' | '',
        });
        return { txs: r.txs.map(indexedTxJson), total_count: String(r.total) };
      } catch (e) {
        if (e instanceof QueryError) throw internalError(e.message);
        throw e;
      }
    },
  },

  block: { args: [int('height')], run: async (ctx, a) => loadBlockJson(ctx, heightArg(ctx, a.height)) },

  block_by_hash: {
    args: [bytes('hash')],
    run: async (ctx, a) => {
      const h = await ctx.store.heightByHash((a.hash as Uint8Array) ?? new Uint8Array(0));
      if (h === undefined) return { block_id: { hash: '', parts: { total: 0, hash: '' } }, block: null };
      return loadBlockJson(ctx, h);
    },
  },

  block_results: {
    args: [int('height')],
    run: async (ctx, a) => {
      const h = heightArg(ctx, a.height);
      const r = await ctx.store.loadResults(h);
      if (!r) throw internalError(`could not find results for height #${h}`);
      return blockResultsJson(h, r);
    },
  },

  blockchain: {
    args: [int('minHeight'), int('maxHeight')],
    run: async (ctx, a) => {
      const top = latest(ctx),
        base = ctx.store.base();
      let min = (a.minHeight as bigint | undefined) ?? 0n,
        max = (a.maxHeight as bigint | undefined) ?? 0n;
      if (min < 0n || max < 0n) throw internalError('heights must be non-negative');
      if (min === 0n) min = 1n;
      if (max === 0n || max > top) max = top;
      if (min < base) min = base;
      if (min < max - 19n) min = max - 19n;
      if (min > max) throw internalError(`min height ${min} can't be greater than max height ${max}`);
      const metas = [];
      for (let h = max; h >= min; h--) {
        const [bytesOf, id, block] = await Promise.all([
          ctx.store.loadBlockBytes(h),
          ctx.store.loadBlockId(h),
          ctx.store.loadBlock(h),
        ]);
        if (!bytesOf || !id || !block) continue;
        metas.push({
          block_id: blockIdJson(id),
          block_size: String(bytesOf.length),
          header: headerJson(block.header),
          num_txs: String(block.data.txs.length),
        });
      }
      return { last_height: String(top), block_metas: metas };
    },
  },

  commit: {
    args: [int('height')],
    run: async (ctx, a) => {
      const h = heightArg(ctx, a.height);
      const block = await ctx.store.loadBlock(h);
      if (!block) throw internalError(`block at height ${h} not found`);
      // The canonical commit of h is the last commit in block h+1; for the tip only our seen commit exists.
      if (h < latest(ctx)) {
        const next = await ctx.store.loadBlock(h + 1n);
        if (next?.lastCommit)
          return {
            signed_header: { header: headerJson(block.header), commit: commitJson(next.lastCommit) },
            canonical: true,
          };
      }
      const seen = await ctx.store.loadSeenCommit(h);
      if (!seen) throw internalError(`commit for height ${h} not found`);
      return { signed_header: { header: headerJson(block.header), commit: commitJson(seen) }, canonical: false };
    },
  },

  validators: {
    args: [int('height'), int('page'), int('per_page')],
    run: async (ctx, a) => {
      const top = latest(ctx);
      const h = a.height === undefined || a.height === 0n ? top + 1n : (a.height as bigint);
      let vals = h === top + 1n ? ctx.state().validators : h === top + 2n ? ctx.state().nextValidators : undefined;
      if (!vals) {
        heightArg(ctx, h);
        vals = await ctx.store.loadValidators(h);
        if (!vals) throw internalError(`could not find validator set for height #${h}`);
      }
      const { page, perPage } = pageArgs(a.page, a.per_page, vals.length);
      const slice = vals.slice((page - 1) * perPage, page * perPage);
      return {
        block_height: String(h),
        validators: slice.map(validatorJson),
        count: String(slice.length),
        total: String(vals.length),
      };
    },
  },

  consensus_params: {
    args: [int('height')],
    run: async (ctx, a) => {
      const top = latest(ctx);
      const h = a.height === undefined || a.height === 0n ? top + 1n : (a.height as bigint);
      let p = h === top + 1n ? ctx.state().consensusParams : undefined;
      if (!p) {
        heightArg(ctx, h);
        p = await ctx.store.loadParams(h);
        if (!p) throw internalError(`could not find consensus params for height #${h}`);
      }
      return { block_height: String(h), consensus_params: consensusParamsToJson(p) };
    },
  },

  genesis: { args: [], run: async (ctx) => ({ genesis: genesisToJson(ctx.genesis) }) },

  num_unconfirmed_txs: {
    args: [],
    run: async (ctx) => {
      const n = String(ctx.mempool.size());
      return { n_txs: n, total: n, total_bytes: String(ctx.mempool.sizeBytes()), txs: null };
    },
  },

  unconfirmed_txs: {
    args: [int('limit')],
    run: async (ctx, a) => {
      const limit = a.limit === undefined || (a.limit as bigint) <= 0n ? 30 : Math.min(Number(a.limit), 100);
      const txs = ctx.mempool.txs(limit);
      return {
        n_txs: String(txs.length),
        total: String(ctx.mempool.size()),
        total_bytes: String(ctx.mempool.sizeBytes()),
        txs: txs.map(b64),
      };
    },
  },
};
