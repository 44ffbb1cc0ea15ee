// The dev node's mempool (CometBFT's CListMempool without gossip): FIFO of txs that passed CheckTx, a seen-cache
// against duplicates, limits on count and bytes, reaping for the proposer, and after each Commit removal of the
// block's txs and a RECHECK of the rest. A lock keeps CheckTx out of the Commit + recheck window, as CometBFT does.
import type { ResponseCheckTx } from 'cosmjs-types/tendermint/abci/types';
import { CheckTxType } from 'cosmjs-types/tendermint/abci/types';
import type { AbciApplication } from '../app/application.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { sha256 } from './merkle.js';

export interface MempoolOptions {
  /** Max txs held (CometBFT mempool.size). */
  maxTxs?: number;
  /** Max total bytes held (mempool.max_txs_bytes). */
  maxTxsBytes?: number;
  /** Max size of one tx (mempool.max_tx_bytes). */
  maxTxBytes?: number;
  /** Seen-cache size (mempool.cache_size). */
  cacheSize?: number;
}

export class MempoolError extends Error {
  constructor(
    readonly code: 'tx_too_large' | 'mempool_full' | 'tx_in_cache',
    msg: string,
  ) {
    super(msg);
    this.name = 'MempoolError';
  }
}

interface Entry {
  tx: Uint8Array;
  key: string;
  gasWanted: bigint;
}

const keyOf = (tx: Uint8Array) => Buffer.from(sha256(tx)).toString('hex');

/** Proto size of one tx inside tendermint.types.Data (field tag, uvarint length, bytes). */
export function protoSizeOfTx(len: number): number {
  let v = 1;
  for (let n = len; n >= 0x80; n >>>= 7) v++;
  return 1 + v + len;
}

export class Mempool {
  private readonly entries = new Map<string, Entry>(); // insertion order = FIFO
  private totalBytes = 0;
  private readonly cache = new Map<string, true>(); // LRU by insertion order
  private lockTail: Promise<unknown> = Promise.resolve();
  readonly opts: Required<MempoolOptions>;

  constructor(
    private readonly app: Pick<AbciApplication, 'checkTx'>,
    opts: MempoolOptions = {},
    private readonly log: Logger = silentLogger,
  ) {
    this.opts = { maxTxs: 5000, maxTxsBytes: 1073741824, maxTxBytes: 1048576, cacheSize: 10000, ...opts };
  }

  size(): number {
    return this.entries.size;
  }
  sizeBytes(): number {
    return this.totalBytes;
  }
  /** Up to `limit` txs in FIFO order. */
  txs(limit = Infinity): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const e of this.entries.values()) {
      if (out.length >= limit) break;
      out.push(e.tx);
    }
    return out;
  }
  has(tx: Uint8Array): boolean {
    return this.entries.has(keyOf(tx));
  }

  /** Runs fn with CheckTx held off (Commit and the recheck that follows). */
  async lock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lockTail.then(fn, fn);
    this.lockTail = run.catch(() => undefined);
    return run;
  }

  /** CheckTx type NEW; adds the tx when the app accepts it. Throws MempoolError for size, fullness or a duplicate. */
  async checkTx(tx: Uint8Array): Promise<ResponseCheckTx> {
    if (tx.length > this.opts.maxTxBytes) {
      throw new MempoolError('tx_too_large', `tx too large. Max size is ${this.opts.maxTxBytes}, but got ${tx.length}`);
    }
    return this.lock(async () => {
      this.assertRoom(tx.length);
      const key = keyOf(tx);
      if (this.cache.has(key)) throw new MempoolError('tx_in_cache', 'tx already exists in cache');
      this.remember(key);
      const res = await this.app.checkTx({ tx, type: CheckTxType.NEW });
      if (res.code !== 0) {
        this.cache.delete(key);
        return res;
      } // a rejected tx may be sent again later
      this.assertRoom(tx.length); // the app call yielded; re-check the limits before adding
      this.entries.set(key, { tx, key, gasWanted: res.gasWanted });
      this.totalBytes += tx.length;
      return res;
    });
  }

  /** The txs the proposer may include, FIFO, within max bytes (counted as in the block) and max gas (-1 = none). */
  reapMaxBytesMaxGas(maxBytes: bigint, maxGas: bigint): Uint8Array[] {
    const out: Uint8Array[] = [];
    let bytes = 0n,
      gas = 0n;
    for (const e of this.entries.values()) {
      const size = BigInt(protoSizeOfTx(e.tx.length));
      if (maxBytes > -1n && bytes + size > maxBytes) break;
      if (maxGas > -1n && gas + e.gasWanted > maxGas) break;
      bytes += size;
      gas += e.gasWanted;
      out.push(e.tx);
    }
    return out;
  }

  /** After Commit (call inside lock()): drop the block's txs, keep committed ones in the cache (failed ones leave
   * it so they can be resubmitted), then RECHECK the rest and drop those that now fail. */
  async update(blockTxs: readonly Uint8Array[], codes: readonly number[]): Promise<void> {
    blockTxs.forEach((tx, i) => {
      const key = keyOf(tx);
      if (codes[i] === 0) this.remember(key);
      else this.cache.delete(key);
      this.removeKey(key);
    });
    for (const e of [...this.entries.values()]) {
      let res: ResponseCheckTx;
      try {
        res = await this.app.checkTx({ tx: e.tx, type: CheckTxType.RECHECK });
      } catch (err) {
        this.log.error('recheck failed, dropping tx', { err: String(err) });
        res = { code: 1 } as ResponseCheckTx;
      }
      if (res.code !== 0) {
        this.log.debug('tx dropped on recheck', { hash: e.key.toUpperCase(), code: res.code });
        this.removeKey(e.key);
        this.cache.delete(e.key);
      } else e.gasWanted = res.gasWanted;
    }
  }

  private assertRoom(len: number) {
    if (this.entries.size >= this.opts.maxTxs || this.totalBytes + len > this.opts.maxTxsBytes) {
      throw new MempoolError(
        'mempool_full',
        `mempool is full: number of txs ${this.entries.size} (max: ${this.opts.maxTxs}), total txs bytes ${this.totalBytes} (max: ${this.opts.maxTxsBytes})`,
      );
    }
  }

  private removeKey(key: string) {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.totalBytes -= e.tx.length;
  }

  private remember(key: string) {
    this.cache.delete(key);
    this.cache.set(key, true);
    if (this.cache.size > this.opts.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }
}
