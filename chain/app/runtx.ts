// Runs one tx against a store: decode, ante checks in their own cache, then (outside CheckTx) each message in a second
// cache. A failed message rolls back every message but keeps the ante's writes (fee paid, sequence used); a failed
// ante keeps nothing.
import { Any } from 'cosmjs-types/google/protobuf/any';
import { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import type { Event } from 'cosmjs-types/tendermint/abci/types';
import type { KVStore } from '../store/types.js';
import { CacheKV } from '../store/cachekv.js';
import { Context, type BlockInfo, type ExecMode } from '../types/context.js';
import { EventManager } from '../types/events.js';
import { BasicGasMeter, InfiniteGasMeter, type GasMeter } from '../types/gas.js';
import { abciError, CodedError } from '../types/errors.js';
import { GasStore } from '../types/kv-views.js';
import type { Logger } from '../logger.js';
import type { DecodedTx } from '../tx/decode.js';
import { runAnte, type SignatureChecker } from '../tx/ante.js';
import type { Wiring } from './modules.js';

export interface TxResult {
  code: number;
  codespace: string;
  log: string;
  data: Uint8Array;
  gasWanted: bigint;
  gasUsed: bigint;
  events: Event[];
  /** Encoded msg responses, for Simulate's result. */
  msgResponses: Any[];
}

/** Per-message flat gas, on top of store access (DESIGN §3: charged per message kind). */
export const MSG_BASE_GAS = 1000n;

export interface RunTxDeps {
  wiring: Wiring;
  /** Decodes (and may cache) a tx under the current limits. */
  decode: (bytes: Uint8Array, limits: ReturnType<typeof txLimits>, simulate: boolean) => DecodedTx;
  sigs: SignatureChecker;
  logger: Logger;
}

export function txLimits(wiring: Wiring, ctx: Context) {
  const p = wiring.auth.getParams(ctx),
    f = wiring.auth.getFeeParams(ctx);
  return { maxTxBytes: f.maxTxBytes, maxMemo: p.maxMemoCharacters, maxSigs: p.txSigLimit };
}

/**
 * CheckTx and ReCheckTx run the decoder and the ante handler only, as the Cosmos SDK does: a tx whose message fails
 * is admitted, included and pays its fee (spam is priced), and the mempool never runs a message (an ONNX model
 * check, a task's input check) for free. Messages run in FinalizeBlock and in Simulate, so fee "auto" still reports a
 * message's error before anything is broadcast.
 */
export const executesMessages = (mode: ExecMode): boolean => mode !== 'check' && mode !== 'recheck';

/**
 * Executes `bytes` on top of `parent`. On success (and, in deliver mode, on message failure after a good ante) the
 * surviving writes are flushed into `parent`. `decoded` may be passed when the caller already decoded the tx.
 */
export function runTx(
  deps: RunTxDeps,
  mode: ExecMode,
  parent: KVStore,
  block: BlockInfo,
  bytes: Uint8Array,
  decoded?: DecodedTx,
): TxResult {
  const { wiring } = deps;
  const simulate = mode === 'simulate';
  const anteCache = new CacheKV(parent);
  let gas: GasMeter = new InfiniteGasMeter();
  const anteEvents = new EventManager();
  const result = (e: unknown, gasUsed: bigint, gasWanted: bigint, events: Event[]): TxResult => {
    const { code, codespace, log } = abciError(e);
    if (!(e instanceof CodedError))
      deps.logger.error('tx execution failed with an unexpected error', { error: String((e as Error)?.stack ?? e) });
    return { code, codespace, log, data: new Uint8Array(), gasWanted, gasUsed, events, msgResponses: [] };
  };

  let tx: DecodedTx;
  try {
    const plain = new Context(anteCache, block, mode);
    tx = decoded ?? deps.decode(bytes, txLimits(wiring, plain), simulate);
    gas = simulate ? new InfiniteGasMeter() : new BasicGasMeter(tx.fee.gasLimit);
    const ctx = new Context(new GasStore(anteCache, gas), block, mode, gas, anteEvents, deps.logger);
    runAnte(ctx, tx, wiring.ante, deps.sigs);
  } catch (e) {
    return result(e, gas.consumed, gas.limit, []);
  }
  const gasWanted = tx.fee.gasLimit;
  if (!executesMessages(mode)) {
    anteCache.write(); // the check state's sequence and fee move on, so the sender's next tx is checked after this one
    return {
      code: 0,
      codespace: '',
      log: '',
      data: new Uint8Array(),
      gasWanted,
      gasUsed: gas.consumed,
      events: anteEvents.events,
      msgResponses: [],
    };
  }

  const msgCache = new CacheKV(anteCache);
  const msgEvents: Event[] = [];
  const responses: Any[] = [];
  try {
    const store = new GasStore(msgCache, gas);
    tx.msgs.forEach((m, i) => {
      gas.consume(MSG_BASE_GAS, `msg ${m.typeUrl}`);
      const events = new EventManager();
      const module = wiring.msgs.get(m.typeUrl)!.module;
      events.emit('message', [
        ['action', m.typeUrl],
        ['sender', m.service.signers(m.msg)[0] ?? ''],
        ['module', module],
      ]);
      const ctx = new Context(store, block, mode, gas, events, deps.logger);
      const response = m.service.handle(ctx, m.msg);
      responses.push({ typeUrl: m.service.responseTypeUrl, value: response });
      // Every event of message i carries msg_index=i, as the SDK does since v0.50.
      for (const ev of events.events) {
        msgEvents.push({
          type: ev.type,
          attributes: [...ev.attributes, { key: 'msg_index', value: String(i), index: true }],
        });
      }
    });
  } catch (e) {
    msgCache.discard();
    if (mode === 'deliver') anteCache.write(); // the fee and sequence stay spent
    return result(e, gas.consumed, gasWanted, mode === 'deliver' ? anteEvents.events : []);
  }
  msgCache.write();
  anteCache.write();
  const data = TxMsgData.encode({ data: [], msgResponses: responses }).finish();
  return {
    code: 0,
    codespace: '',
    log: '',
    data,
    gasWanted,
    gasUsed: gas.consumed,
    events: [...anteEvents.events, ...msgEvents],
    msgResponses: responses,
  };
}
