// DevNode: plays CometBFT's part for one validator in the same process (`aichain start`): handshake with the app,
// produce a block every blockTimeMs through the ABCI++ calls CometBFT v0.38 makes, store and index it, and serve
// the JSON-RPC subset CosmJS uses. It never closes the app: whoever started the node owns it.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AbciApplication } from '../app/application.js';
import { silentLogger, type Logger } from '../logger.js';
import { BlockStore } from './blockstore.js';
import { FatalNodeError } from './executor.js';
import { parseGenesisDoc, type GenesisDoc } from './genesis-doc.js';
import { handshake } from './handshake.js';
import { sha256 } from './merkle.js';
import { Mempool, type MempoolOptions } from './mempool.js';
import { PrivValidator, type PrivValidatorKey } from './privval.js';
import { Producer, type CommittedBlock } from './producer.js';
import { defaultQueryHooks, type QueryHook } from './rpc/query-hooks.js';
import { RpcServer } from './rpc/server.js';
import type { NodeState } from './state.js';
import { TxIndex, type IndexedTx } from './txindex.js';
import { compareBytes } from './validators.js';

export interface DevNodeOptions {
  app: AbciApplication;
  /** A parsed genesis, or the path of a CometBFT genesis.json. */
  genesis: GenesisDoc | string;
  /** The block store goes in dataDir/blockstore.db. */
  dataDir: string;
  privValidator: PrivValidatorKey;
  nodeId?: string;
  moniker?: string;
  /** Pause after each Commit before the next block (CometBFT timeout_commit). 0: no timer, call produceBlock(). */
  blockTimeMs?: number;
  /** 'tcp://127.0.0.1:26657' form; port 0 picks a free port. Omit (undefined) for the default; null: no RPC. */
  rpcLaddr?: string | null;
  logger?: Logger;
  mempool?: MempoolOptions;
  /** abci_query paths the node answers itself; defaults to defaultQueryHooks() (GetTx). */
  queryHooks?: Map<string, QueryHook>;
  broadcastTxCommitTimeoutMs?: number;
  /** Nanosecond clock for block times (tests); the wall clock by default. */
  clock?: () => bigint;
  /** Called once when block production stops on a fatal error (the node keeps serving RPC). */
  onFatal?: (err: Error) => void;
}

type Waiter = (t: IndexedTx | undefined) => void;

export class DevNode {
  rpcPort = 0;
  /** The fatal error that stopped block production, if any. */
  halted: Error | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopping = false;
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly heightListeners = new Set<() => void>();

  private constructor(
    private readonly opts: DevNodeOptions,
    readonly genesis: GenesisDoc,
    readonly store: BlockStore,
    readonly txIndex: TxIndex,
    readonly mempool: Mempool,
    readonly privVal: PrivValidator,
    private readonly producer: Producer,
    private readonly rpc: RpcServer | undefined,
    private readonly log: Logger,
  ) {}

  static async start(opts: DevNodeOptions): Promise<DevNode> {
    const log = opts.logger ?? silentLogger;
    const genesis =
      typeof opts.genesis === 'string' ? parseGenesisDoc(readFileSync(opts.genesis, 'utf8')) : opts.genesis;
    const privVal = PrivValidator.fromKey(opts.privValidator);
    mkdirSync(opts.dataDir, { recursive: true });
    const store = await BlockStore.open(join(opts.dataDir, 'blockstore.db'));
    try {
      const txIndex = new TxIndex(store.db);
      const mempool = new Mempool(opts.app, opts.mempool, log.child({ module: 'mempool' }));
      const deps = { app: opts.app, store, txIndex, mempool, privVal, log, clock: opts.clock };
      const hs = await handshake(deps, genesis, privVal);
      if (!hs.state.validators.some((v) => compareBytes(v.address, privVal.address) === 0)) {
        throw new FatalNodeError(
          `this node's validator key (${Buffer.from(privVal.address).toString('hex').toUpperCase()}) is not in the validator set`,
        );
      }
      const producer = new Producer(deps, hs.state, hs.lastCommit, hs.lastExtCommit);
      const rpc =
        opts.rpcLaddr === null
          ? undefined
          : new RpcServer(
              {
                app: opts.app,
                store,
                txIndex,
                mempool,
                genesis,
                privVal,
                nodeId: opts.nodeId ?? Buffer.from(privVal.address).toString('hex'),
                moniker: opts.moniker ?? 'aichain-dev',
                rpcAddress: () => `tcp://127.0.0.1:${node.rpcPort}`,
                state: () => producer.state,
                queryHooks: opts.queryHooks ?? defaultQueryHooks(),
                waitForTx: (hash, ms) => node.waitForTx(hash, ms),
                broadcastTxCommitTimeoutMs: opts.broadcastTxCommitTimeoutMs ?? 10_000,
              },
              log.child({ module: 'rpc' }),
            );
      const node: DevNode = new DevNode(opts, genesis, store, txIndex, mempool, privVal, producer, rpc, log);
      log.info('node state after handshake', { height: hs.state.lastHeight, replayed: hs.replayed });
      // CosmJS rejects a chain at height 0 (empty hashes): make block 1 before anyone can ask.
      if (hs.state.lastHeight < hs.state.initialHeight) await node.produceBlock();
      if (node.halted) throw node.halted;
      if (rpc) node.rpcPort = await rpc.listen(opts.rpcLaddr ?? 'tcp://127.0.0.1:26657');
      node.schedule();
      return node;
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e;
    }
  }

  /** Last committed height. */
  get height(): bigint {
    return this.producer.state.lastHeight;
  }
  get state(): NodeState {
    return this.producer.state;
  }
  get rpcUrl(): string {
    return `http://127.0.0.1:${this.rpcPort}`;
  }

  /** Produces one block now, after any block in progress (blocks never overlap). */
  produceBlock(): Promise<void> {
    const run = this.running.then(() => this.produceOne());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Resolves once the node has committed height h (or rejects if it halts first). */
  waitForHeight(h: bigint): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.height >= h) {
          this.heightListeners.delete(check);
          resolve();
        } else if (this.halted || this.stopping) {
          this.heightListeners.delete(check);
          reject(this.halted ?? new Error('node stopped'));
        }
      };
      this.heightListeners.add(check);
      check();
    });
  }

  /** Resolves with the indexed tx once a block containing it is committed, or undefined after timeoutMs. */
  waitForTx(hash: Uint8Array, timeoutMs: number): Promise<IndexedTx | undefined> {
    const key = Buffer.from(hash).toString('hex');
    return new Promise((resolve) => {
      let set = this.waiters.get(key);
      if (!set) {
        set = new Set();
        this.waiters.set(key, set);
      }
      const waiter: Waiter = (t) => {
        clearTimeout(timer);
        set!.delete(waiter);
        if (!set!.size) this.waiters.delete(key);
        resolve(t);
      };
      const timer = setTimeout(() => waiter(undefined), timeoutMs);
      set.add(waiter);
    });
  }

  /** Stops producing after the current block, closes the RPC server and the block store. Does not close the app. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    for (const set of this.waiters.values()) for (const w of [...set]) w(undefined);
    for (const l of [...this.heightListeners]) l();
    await this.rpc?.close();
    await this.store.close();
  }

  private schedule() {
    const ms = this.opts.blockTimeMs ?? 1000;
    if (ms <= 0 || this.stopping || this.halted) return;
    this.timer = setTimeout(() => {
      this.produceBlock()
        .catch((e: unknown) => this.log.error('block production failed', { height: this.height + 1n, err: String(e) }))
        .finally(() => this.schedule());
    }, ms);
  }

  private async produceOne(): Promise<void> {
    if (this.stopping || this.halted) return;
    let committed: CommittedBlock;
    try {
      committed = await this.producer.produceBlock();
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      this.halted = err;
      this.log.error('block production halted', { height: this.height + 1n, err: err.message });
      for (const l of [...this.heightListeners]) l();
      this.opts.onFatal?.(err);
      return;
    }
    this.notify(committed);
  }

  private notify({ block, results }: CommittedBlock) {
    const height = block.header.height;
    this.log.debug('committed block', { height, txs: block.data.txs.length });
    block.data.txs.forEach((tx, index) => {
      const hash = sha256(tx);
      const set = this.waiters.get(Buffer.from(hash).toString('hex'));
      if (set) for (const w of [...set]) w({ hash, height, index, tx, result: results.txResults[index] });
    });
    for (const l of [...this.heightListeners]) l();
  }
}

export { defaultQueryHooks, parseGenesisDoc, PrivValidator };
export type { GenesisDoc, PrivValidatorKey, QueryHook, MempoolOptions };
