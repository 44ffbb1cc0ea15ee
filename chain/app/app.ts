// The aichain ABCI++ application: one state machine, driven either by a real CometBFT node (chain/abci/server.ts)
// or by the in-process dev node (chain/node). It never throws for a bad tx: every tx gets a coded result.
import '../types/proto-alloc.js';
import type * as abci from 'cosmjs-types/tendermint/abci/types';
import {
  ExtendedCommitInfo,
  ResponseProcessProposal_ProposalStatus as ProposalStatus,
  ResponseVerifyVoteExtension_VerifyStatus as VerifyStatus,
  CheckTxType,
} from 'cosmjs-types/tendermint/abci/types';
import { SimulateRequest, SimulateResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { CommitmentProof } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import type { AbciApplication } from './application.js';
import type { CommitStore, Staged } from '../store/committed.js';
import { CacheKV } from '../store/cachekv.js';
import type { KVStore } from '../store/types.js';
import { Context, type BlockInfo } from '../types/context.js';
import { abciError, CodedError, sdkErrors } from '../types/errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { createVerifier, type Secp256k1Verifier } from '../../native/secp256k1.js';
import { SigCache, sigCacheKeyFromHash } from '../../native/sig-cache.js';
import type { VerifyPool } from '../../native/verify-pool.js';
import type { DecodedTx } from '../tx/decode.js';
import { DecodeCache } from '../tx/decode-cache.js';
import { signDocHash, type SignatureChecker } from '../tx/ante.js';
import { wireModules, type BatchModelRunner, type Wiring } from './modules.js';
import { runTx, txLimits, type TxResult } from './runtx.js';
import { appMeta } from './meta.js';
import {
  blockCarriesExtensions,
  checkInjectedCommit,
  extensionsEnabledAt,
  pruneExtendedCommit,
  type ExtensionCheck,
} from './vote-extensions.js';
import { NeedKey, runAtVersion } from './query.js';
import { exportAppState, parseAppState } from './genesis.js';
import { deliverGenTxs } from './gentxs.js';
import { genTxsOf } from '../../modules/genutil/module.js';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { digest, encodeWithin, formProblem, reportOf, type CommitVote } from '../../modules/verify/module.js';
import type { Report } from '../../proto/gen/aichain/verify/v1/types.js';

export const APP_NAME = 'aichain';
export const APP_VERSION = '0.1.0';
/** ABCI Info's app_version (the protocol version of the state machine). */
export const APP_PROTOCOL_VERSION = 1n;

export interface AppOptions {
  store: CommitStore;
  logger?: Logger;
  verifier?: Secp256k1Verifier;
  /** Parallel signature verification for FinalizeBlock; inline when absent. */
  verifyPool?: VerifyPool;
  sigCache?: SigCache;
  /** Blocks CometBFT must keep (retain_height = height - minRetainBlocks); 0 keeps all. */
  minRetainBlocks?: bigint;
  /** Check every invariant each N blocks and halt on a broken one; 0 = never. */
  invariantCheckPeriod?: number;
  /** ExtendVote's time for inference (ms, local: never in consensus); what is not run by then is not reported. */
  extendVoteBudgetMs?: number;
  /** Tasks of one model per runBatch call in ExtendVote: large enough to batch, small enough to stop near the budget. */
  extendVoteBatch?: number;
  /** The runner for this validator's own ExtendVote inference (default: the consensus engine in a worker thread). */
  extendRunner?: BatchModelRunner;
}

interface Pending {
  height: bigint;
  cache: CacheKV;
  staged: Staged;
}

const toTime = (t: { seconds: bigint; nanos: number } | undefined) => ({
  seconds: t?.seconds ?? 0n,
  nanos: t?.nanos ?? 0,
});

export class AichainApp implements AbciApplication {
  readonly wiring: Wiring;
  readonly store: CommitStore;
  private readonly log: Logger;
  private readonly verifier: Secp256k1Verifier;
  private readonly sigCache: SigCache;
  private readonly pool?: VerifyPool;
  private readonly minRetainBlocks: bigint;
  private readonly invariantCheckPeriod: number;
  private readonly extendVoteBudgetMs: number;
  private readonly extendVoteBatch: number;
  private lastReported?: { height: bigint; ids: Set<bigint> };
  /** InitChain's writes wait here until the first block commits them (CometBFT sends InitChain again after a crash). */
  private genesis?: { cache: CacheKV; block: BlockInfo };
  private pending?: Pending;
  private checkState: CacheKV;
  private lastBlock: BlockInfo;

  constructor(opts: AppOptions) {
    this.wiring = wireModules(undefined, opts.extendRunner);
    this.store = opts.store;
    this.log = opts.logger ?? silentLogger;
    this.verifier = opts.verifier ?? createVerifier('native', this.log);
    this.sigCache = opts.sigCache ?? new SigCache(100_000);
    this.pool = opts.verifyPool;
    this.minRetainBlocks = opts.minRetainBlocks ?? 0n;
    this.invariantCheckPeriod = opts.invariantCheckPeriod ?? 0;
    this.extendVoteBudgetMs = opts.extendVoteBudgetMs ?? 1000;
    this.extendVoteBatch = opts.extendVoteBatch ?? 16;
    this.checkState = new CacheKV(this.store.state);
    this.lastBlock = { height: this.store.version, time: { seconds: 0n, nanos: 0 }, chainId: this.readChainId() };
  }

  private readChainId(): string {
    return appMeta.chainId(
      new Context(this.store.state, { height: 0n, time: { seconds: 0n, nanos: 0 }, chainId: '' }, 'query'),
    );
  }

  /** A context over `store` at `block`; writes go wherever `store` sends them. */
  ctx(store: KVStore, block: BlockInfo = this.lastBlock, mode: Context['mode'] = 'query'): Context {
    return new Context(store, block, mode, undefined, undefined, this.log);
  }

  private readonly sigs: SignatureChecker = {
    verify: (hash, sig, pubKey) => {
      const key = sigCacheKeyFromHash(hash, pubKey, sig);
      if (this.sigCache.has(key)) return true;
      const ok = this.verifier.verify(hash, sig, pubKey);
      if (ok) this.sigCache.add(key);
      return ok;
    },
  };

  private readonly decoder = new DecodeCache((u) => this.wiring.msgs.get(u)?.service);

  private deps() {
    return { wiring: this.wiring, sigs: this.sigs, logger: this.log, decode: this.decoder.decode.bind(this.decoder) };
  }

  // ---- handshake and genesis ----

  async info(_req: abci.RequestInfo): Promise<abci.ResponseInfo> {
    const height = this.store.version;
    return {
      data: APP_NAME,
      version: APP_VERSION,
      appVersion: APP_PROTOCOL_VERSION,
      lastBlockHeight: height,
      lastBlockAppHash: height > 0n ? this.store.root : new Uint8Array(),
    };
  }

  async initChain(req: abci.RequestInitChain): Promise<abci.ResponseInitChain> {
    if (this.store.version > 0n) throw new Error(`InitChain on a store already at height ${this.store.version}`);
    const block: BlockInfo = {
      height: req.initialHeight > 0n ? req.initialHeight : 1n,
      time: toTime(req.time),
      chainId: req.chainId,
    };
    const cache = new CacheKV(this.store.state);
    const ctx = new Context(cache, block, 'genesis', undefined, undefined, this.log);
    appMeta.setChainId(ctx, req.chainId);
    if (req.consensusParams) appMeta.setConsensusParams(ctx, req.consensusParams);
    appMeta.applyValidatorUpdates(ctx, req.validators);
    const appState = parseAppState(req.appStateBytes, this.wiring.modules);
    for (const m of this.wiring.modules) m.initGenesis(ctx, appState[m.name]);
    deliverGenTxs(this.deps(), ctx, cache, block, genTxsOf(appState.genutil));
    const genesisValidators = this.reconcileGenesisValidators(ctx, req.validators);
    this.assertInvariants(ctx, 'genesis');
    this.genesis = { cache, block };
    this.pending = undefined;
    this.checkState = new CacheKV(cache);
    this.lastBlock = { ...block, height: block.height - 1n };
    const staged = await this.store.stage(cache.changes(), block.height);
    this.log.info('genesis imported', { chainId: req.chainId, appHash: Buffer.from(staged.root).toString('hex') });
    // An empty validator list keeps genesis's; the app hash goes into the first block's header.
    return { validators: genesisValidators, appHash: staged.root, consensusParams: undefined };
  }

  /**
   * Staking's genesis validators must be CometBFT's: when genesis.json lists validators, the bonded set must equal
   * them (same keys, same powers) or InitChain fails; when it lists none, the staking set is returned to CometBFT
   * (and stored). A genesis without staking validators keeps CometBFT's list as given (a fixed set, as in tests
   * that run no staking); staking updates then apply on top of it. Returns InitChain's `validators` answer.
   */
  private reconcileGenesisValidators(ctx: Context, given: abci.ValidatorUpdate[]): abci.ValidatorUpdate[] {
    const staking = this.wiring.staking.activeSet.consensusValidators(ctx);
    if (staking.length === 0) return [];
    const key = (pub: Uint8Array | undefined, power: bigint) => `${Buffer.from(pub ?? []).toString('hex')}:${power}`;
    const want = staking.map((v) => key(v.pubKey, v.power)).sort();
    const updates = staking.map((v) => ({ pubKey: { ed25519: v.pubKey }, power: v.power }));
    if (given.length === 0) {
      appMeta.applyValidatorUpdates(ctx, updates);
      return updates;
    }
    const got = given.map((u) => key(u.pubKey.ed25519, u.power)).sort();
    if (want.join(',') !== got.join(',')) {
      throw new Error(
        `genesis validators (${got.join(', ')}) differ from the staking genesis' bonded set (${want.join(', ')})`,
      );
    }
    return [];
  }

  // ---- mempool ----

  async checkTx(req: abci.RequestCheckTx): Promise<abci.ResponseCheckTx> {
    const recheck = req.type === CheckTxType.RECHECK;
    const block = { ...this.lastBlock, height: this.lastBlock.height + 1n };
    const r = runTx(this.deps(), recheck ? 'recheck' : 'check', this.checkState, block, req.tx);
    // No data in CheckTx, as in the Cosmos SDK: CometBFT relays it as hex, which CosmJS would misread as base64.
    return {
      code: r.code,
      data: new Uint8Array(),
      log: r.log,
      info: '',
      gasWanted: r.gasWanted,
      gasUsed: r.gasUsed,
      events: r.events,
      codespace: r.codespace,
    };
  }

  // ---- proposals and vote extensions ----

  private extensionCheck(ctx: Context, height: bigint): ExtensionCheck {
    return {
      height: height - 1n,
      chainId: appMeta.chainId(ctx),
      validators: appMeta.validators(ctx),
      maxExtensionBytes: this.wiring.auth.getFeeParams(ctx).maxVoteExtensionBytes,
      contentValid: (ext) => this.extensionContentValid(ext),
    };
  }

  /** Extension content, form only (ProcessProposal and pruning: by then the queue has moved on a block). */
  private extensionContentValid(ext: Uint8Array): boolean {
    return formProblem(ext, BigInt(ext.length)) === undefined;
  }

  /** The chain's first block (InitChain not yet committed): no previous height, so no vote extensions. */
  private isFirstBlock(height: bigint): boolean {
    return this.genesis !== undefined && height === this.genesis.block.height;
  }

  private committedCtx(): Context {
    return this.ctx(this.genesis?.cache ?? this.store.state);
  }

  async prepareProposal(req: abci.RequestPrepareProposal): Promise<abci.ResponsePrepareProposal> {
    const ctx = this.committedCtx();
    const params = appMeta.consensusParams(ctx);
    const txs: Uint8Array[] = [];
    let budget = req.maxTxBytes;
    if (blockCarriesExtensions(params, req.height, this.isFirstBlock(req.height))) {
      const tx0 = ExtendedCommitInfo.encode(
        pruneExtendedCommit(req.localLastCommit, this.extensionCheck(ctx, req.height)),
      ).finish();
      txs.push(tx0);
      budget -= BigInt(tx0.length);
    }
    const limits = txLimits(this.wiring, ctx);
    for (const tx of req.txs) {
      if (BigInt(tx.length) > budget) continue;
      try {
        this.decoder.decode(tx, limits);
      } catch {
        continue;
      }
      txs.push(tx);
      budget -= BigInt(tx.length);
    }
    return { txs };
  }

  async processProposal(req: abci.RequestProcessProposal): Promise<abci.ResponseProcessProposal> {
    const ctx = this.committedCtx();
    const params = appMeta.consensusParams(ctx);
    let first = 0;
    if (blockCarriesExtensions(params, req.height, this.isFirstBlock(req.height))) {
      if (!req.txs.length) return this.reject(req.height, 'missing the injected vote extensions');
      const problem = checkInjectedCommit(req.txs[0], req.proposedLastCommit, this.extensionCheck(ctx, req.height));
      if (problem) return this.reject(req.height, problem);
      first = 1;
    }
    const limits = txLimits(this.wiring, ctx);
    for (let i = first; i < req.txs.length; i++) {
      try {
        this.decoder.decode(req.txs[i], limits);
      } catch (e) {
        return this.reject(req.height, `tx ${i} does not decode: ${(e as Error).message}`);
      }
    }
    return { status: ProposalStatus.ACCEPT };
  }

  private reject(height: bigint, why: string): abci.ResponseProcessProposal {
    this.log.warn('rejecting proposal', { height, why });
    return { status: ProposalStatus.REJECT };
  }

  /**
   * The validator's own runs of the queued tasks (DESIGN §6.3) on the consensus engine, over the queue as committed
   * (every validator at this height sees the same one), reported in id order within the extension byte limit. A model
   * or input error is a report (the same on every node); a broken local runtime is logged and the validator reports
   * what it has (an empty extension is normal), so consensus never waits on it.
   */
  /**
   * Runs the verification queue on the consensus engine (in a worker thread), batched per model, within the
   * ExtendVote time budget; reports what finished, in task id order. An empty or partial extension is normal.
   */
  async extendVote(req: abci.RequestExtendVote): Promise<abci.ResponseExtendVote> {
    const started = performance.now(); // allow-nondeterminism: ExtendVote is local, never state
    const ctx = this.committedCtx();
    const { verify, tasks, models, extendRunner: runner } = this.wiring;
    // What this validator reported at the previous height is in this block's tx 0 and settles in its FinalizeBlock:
    // when the budget cannot cover the whole queue, the rest goes first (any order is valid; this one wastes least).
    const last = this.lastReported?.height === req.height - 1n ? this.lastReported.ids : new Set<bigint>();
    const queue = verify.queue(ctx);
    const ordered = [...queue.filter((e) => !last.has(e.taskId)), ...queue.filter((e) => last.has(e.taskId))];
    const digests = new Map(queue.filter((e) => e.digest).map((e) => [e.taskId, e.digest!]));
    const byModel = new Map<string, bigint[]>();
    for (const entry of ordered) {
      const task = tasks.getTask(ctx, entry.taskId);
      if (!task) continue;
      const ids = byModel.get(task.modelId) ?? [];
      ids.push(task.id);
      byModel.set(task.modelId, ids);
    }
    const reports: Report[] = [];
    let left = 0,
      ran = 0;
    run: for (const [modelId, ids] of byModel) {
      const model = models.getModel(ctx, modelId);
      if (!model) continue;
      for (let i = 0; i < ids.length; i += this.extendVoteBatch) {
        // The first batch always runs: a budget smaller than one batch still makes progress.
        const spent = performance.now() - started; // allow-nondeterminism: local time budget
        if (ran > 0 && spent > this.extendVoteBudgetMs) {
          left = [...byModel.values()].reduce((s, x) => s + x.length, 0) - reports.length;
          break run;
        }
        const chunk = ids.slice(i, i + this.extendVoteBatch);
        try {
          const outs = await runner.runBatch(
            { id: model.id, scaleBits: model.scaleBits, bytes: () => tasks.modelBytes(ctx, model.id) },
            chunk.map((id) => tasks.taskInputs(ctx, id)),
          );
          ran++;
          outs.forEach((out, j) => {
            // A long output is reported as its digest (modules/verify/digest.ts), as the chain digests the provider's.
            const d = digests.get(chunk[j]);
            const values = out.ok && d ? digest(d, out.output.values) : out.ok ? out.output.values : [];
            reports.push(reportOf(chunk[j], out.ok ? { ok: true, values } : { ok: false, code: out.code }));
          });
        } catch (e) {
          this.log.error('ExtendVote: the consensus engine failed; reporting what is done', {
            height: req.height,
            model: modelId,
            error: (e as Error).message,
          });
          break run;
        }
      }
    }
    if (left > 0)
      this.log.warn('ExtendVote: time budget spent; reporting what is done', {
        height: req.height,
        reported: reports.length,
        left,
        budget_ms: this.extendVoteBudgetMs,
      });
    reports.sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
    this.lastReported = { height: req.height, ids: new Set(reports.map((r) => r.taskId)) };
    const voteExtension = encodeWithin(reports, this.maxExtensionBytes(ctx));
    return { voteExtension };
  }

  private maxExtensionBytes(ctx: Context): bigint {
    const app = this.wiring.auth.getFeeParams(ctx).maxVoteExtensionBytes,
      own = this.wiring.verify.getParams(ctx).maxExtensionBytes;
    return own < app ? own : app;
  }

  /** Form, size and queued task ids only: no inference (PROTOCOL §B; a too-strict check halts the chain). */
  async verifyVoteExtension(req: abci.RequestVerifyVoteExtension): Promise<abci.ResponseVerifyVoteExtension> {
    const ctx = this.committedCtx();
    const problem = this.wiring.verify.extensionProblem(
      ctx,
      req.voteExtension,
      this.wiring.auth.getFeeParams(ctx).maxVoteExtensionBytes,
    );
    if (problem)
      this.log.warn('rejecting a vote extension', {
        height: req.height,
        validator: Buffer.from(req.validatorAddress).toString('hex'),
        problem,
      });
    return { status: problem ? VerifyStatus.REJECT : VerifyStatus.ACCEPT };
  }

  // ---- block execution ----

  /** The COMMIT votes of the injected extended commit, and the commit's total power (block contents only). */
  private commitVotes(tx0: Uint8Array | undefined): { votes?: CommitVote[]; totalPower: bigint } {
    if (!tx0) return { totalPower: 0n };
    let eci: ExtendedCommitInfo;
    // ProcessProposal refused any other tx 0; a block that still carries one (a recorded foreign chain) settles nothing.
    try {
      eci = ExtendedCommitInfo.decode(tx0);
    } catch {
      return { totalPower: 0n };
    }
    let totalPower = 0n;
    const votes: CommitVote[] = [];
    for (const v of eci.votes) {
      if (!v.validator) continue;
      totalPower += v.validator.power;
      if (v.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT)
        votes.push({ validator: v.validator.address, power: v.validator.power, extension: v.voteExtension });
    }
    return { votes, totalPower };
  }

  async finalizeBlock(req: abci.RequestFinalizeBlock): Promise<abci.ResponseFinalizeBlock> {
    const base = this.genesis?.cache ?? this.store.state;
    const expected = this.genesis ? this.genesis.block.height : this.store.version + 1n;
    if (req.height !== expected) throw new Error(`FinalizeBlock at height ${req.height}, expected ${expected}`);
    const chainId = appMeta.chainId(this.ctx(base));
    const block: BlockInfo = { height: req.height, time: toTime(req.time), chainId };
    const cache = new CacheKV(base);
    // Only the block hooks see the evidence and the last commit (staking's slashing); txs get the plain block.
    const blockFacts: BlockInfo = { ...block, misbehavior: req.misbehavior, lastCommit: req.decidedLastCommit };
    const blockCtx = new Context(cache, blockFacts, 'block', undefined, undefined, this.log);
    for (const m of this.wiring.modules) m.beginBlock?.(blockCtx);

    const params = appMeta.consensusParams(blockCtx);
    const injected =
      blockCarriesExtensions(params, req.height, this.isFirstBlock(req.height)) && req.txs.length > 0 ? 1 : 0;
    // Verification settles from the extensions in tx 0 (checked in ProcessProposal) and queues new results, before the txs.
    this.wiring.verify.finalize(blockCtx, {
      ...this.commitVotes(injected ? req.txs[0] : undefined),
      lastAppHash: this.store.root,
    });
    const decoded = await this.preverify(req.txs.slice(injected), cache, block);
    const txResults: abci.ExecTxResult[] = [];
    if (injected) {
      txResults.push({
        code: 0,
        data: new Uint8Array(),
        log: '',
        info: 'vote extensions',
        gasWanted: 0n,
        gasUsed: 0n,
        events: [],
        codespace: '',
      });
    }
    decoded.forEach((d, i) => {
      const r: TxResult = runTx(this.deps(), 'deliver', cache, block, req.txs[i + injected], d);
      txResults.push({
        code: r.code,
        data: r.data,
        log: r.log,
        info: '',
        gasWanted: r.gasWanted,
        gasUsed: r.gasUsed,
        events: r.events,
        codespace: r.codespace,
      });
    });

    // Async steps (challenge re-runs on the consensus engine) at one fixed point: after the txs, before end block.
    for (const step of this.wiring.beforeEndBlock) await step(blockCtx);
    for (const m of this.wiring.modules) m.endBlock?.(blockCtx);
    // Staking's set changes go to CometBFT now and into the app's own set two blocks later (see meta.ts).
    const validatorUpdates = this.wiring.staking.activeSet.applyChanges(blockCtx);
    appMeta.applyDueValidatorUpdates(blockCtx, req.height);
    appMeta.queueValidatorUpdates(blockCtx, req.height, validatorUpdates);
    if (this.invariantCheckPeriod > 0 && req.height % BigInt(this.invariantCheckPeriod) === 0n)
      this.assertInvariants(blockCtx, `block ${req.height}`);

    // After InitChain the block's writes join genesis's, and both commit together as the first version.
    let changed = cache;
    if (this.genesis) {
      cache.write();
      changed = this.genesis.cache;
    }
    const staged = await this.store.stage(changed.changes(), req.height);
    this.pending = { height: req.height, cache: changed, staged };
    this.lastBlock = block;
    return {
      events: blockCtx.events.events,
      txResults,
      validatorUpdates,
      consensusParamUpdates: undefined,
      appHash: staged.root,
    };
  }

  /**
   * Verifies the block's signatures in parallel before the sequential run (which then finds them in the cache).
   * The sign doc needs the account number, read from the state before the block; a tx whose account appears during
   * the block simply verifies inline later. Returns each tx decoded (undefined when it does not decode).
   */
  private async preverify(txs: Uint8Array[], state: KVStore, block: BlockInfo): Promise<Array<DecodedTx | undefined>> {
    const ctx = this.ctx(state, block);
    const limits = txLimits(this.wiring, ctx);
    const batch: Array<{ msgHash: Uint8Array; sig: Uint8Array; pubKey: Uint8Array; key: string }> = [];
    const decoded = txs.map((bytes) => {
      let tx: DecodedTx;
      try {
        tx = this.decoder.decode(bytes, limits);
      } catch {
        return undefined;
      }
      tx.signerAddrs.forEach((addr, i) => {
        const acc = this.wiring.auth.getAccount(ctx, addr);
        const pubKey = acc?.pubKey ?? tx.pubKeys[i];
        if (!acc || !pubKey) return;
        const msgHash = signDocHash(tx, block.chainId, acc.accountNumber);
        const sig = tx.raw.signatures[i];
        const key = sigCacheKeyFromHash(msgHash, pubKey, sig);
        if (!this.sigCache.has(key)) batch.push({ msgHash, sig, pubKey, key });
      });
      return tx;
    });
    if (this.pool && batch.length) {
      const ok = await this.pool.verifyBatch(batch);
      ok.forEach((v, i) => {
        if (v) this.sigCache.add(batch[i].key);
      });
    }
    return decoded;
  }

  async commit(_req: abci.RequestCommit): Promise<abci.ResponseCommit> {
    const p = this.pending;
    if (!p) throw new Error('Commit without a finalized block');
    await this.store.commit(p.staged);
    this.pending = undefined;
    this.genesis = undefined;
    this.checkState = new CacheKV(this.store.state);
    const retainHeight =
      this.minRetainBlocks > 0n && p.height > this.minRetainBlocks ? p.height - this.minRetainBlocks : 0n;
    return { retainHeight };
  }

  // ---- queries ----

  async query(req: abci.RequestQuery): Promise<abci.ResponseQuery> {
    const latest = this.store.version;
    const height = req.height === 0n ? latest : req.height;
    const answer = (value: Uint8Array, extra: Partial<abci.ResponseQuery> = {}): abci.ResponseQuery => ({
      code: 0,
      log: '',
      info: '',
      index: 0n,
      key: req.data,
      value,
      proofOps: undefined,
      height,
      codespace: '',
      ...extra,
    });
    try {
      if (height > latest) throw sdkErrors.invalidHeight(`height ${height} is above the latest height ${latest}`);
      if (req.path === '/store/key' || req.path === '/store/main/key')
        return answer(...(await this.storeQuery(req.data, height, req.prove)));
      if (req.path === '/cosmos.tx.v1beta1.Service/Simulate') return answer(this.simulate(req.data));
      if (req.path === '/app/version') return answer(new TextEncoder().encode(APP_VERSION));
      const q = this.wiring.queries.get(req.path);
      if (!q) throw sdkErrors.unknownRequest(`unknown query path ${req.path}`);
      const handle = (ctx: Context) => asQueryError(req.path, () => q.handle(ctx, req.data));
      if (height === latest) {
        // A throwaway cache: a handler can never write into committed state.
        return answer(handle(this.ctx(new CacheKV(this.store.state), this.lastBlock)));
      }
      await this.requireVersion(height);
      const value = await runAtVersion(
        height,
        (k) => this.store.getAt(height, k),
        (view) => handle(this.ctx(view, { ...this.lastBlock, height })),
      );
      return answer(value);
    } catch (e) {
      const { code, codespace, log } = abciError(e);
      return {
        ...answer(new Uint8Array()),
        code,
        codespace,
        log: code === 1 ? `${log}: ${(e as Error).message}` : log,
      };
    }
  }

  private async requireVersion(height: bigint): Promise<void> {
    if (height < 1n || !(await this.store.hasVersion(height)))
      throw sdkErrors.invalidHeight(`height ${height} is not available (pruned or never committed)`);
  }

  /** Raw store read with an optional ICS23 proof against the app hash of `height`. */
  private async storeQuery(
    key: Uint8Array,
    height: bigint,
    prove: boolean,
  ): Promise<[Uint8Array, Partial<abci.ResponseQuery>]> {
    // The store refuses an empty key with an uncoded error; a client sending one gets a coded answer (found by the fuzzer).
    if (key.length === 0) throw sdkErrors.invalidRequest('a store query needs a non-empty key');
    await this.requireVersion(height);
    const value = await this.store.getAt(height, key);
    if (!prove) return [value ?? new Uint8Array(), {}];
    const proof = await this.store.proveAt(height, key);
    const ops = proof ? [{ type: 'ics23:aichain', key, data: CommitmentProof.encode(proof).finish() }] : [];
    return [value ?? new Uint8Array(), { proofOps: { ops } }];
  }

  private simulate(data: Uint8Array): Uint8Array {
    const req = asQueryError('/cosmos.tx.v1beta1.Service/Simulate', () => SimulateRequest.decode(data));
    if (!req.txBytes.length) throw sdkErrors.invalidRequest('simulate needs tx_bytes');
    const block = { ...this.lastBlock, height: this.lastBlock.height + 1n };
    const r = runTx(this.deps(), 'simulate', new CacheKV(this.checkState), block, req.txBytes);
    if (r.code !== 0) throw new CodedError(r.codespace, r.code, r.log);
    return SimulateResponse.encode({
      gasInfo: { gasWanted: r.gasWanted, gasUsed: r.gasUsed },
      result: { data: r.data, log: '', events: r.events, msgResponses: r.msgResponses },
    }).finish();
  }

  // ---- state sync: not offered yet (no snapshots are taken) ----

  async listSnapshots(): Promise<abci.ResponseListSnapshots> {
    return { snapshots: [] };
  }
  async offerSnapshot(): Promise<abci.ResponseOfferSnapshot> {
    return { result: 3 /* REJECT: we take none */ };
  }
  async loadSnapshotChunk(): Promise<abci.ResponseLoadSnapshotChunk> {
    return { chunk: new Uint8Array() };
  }
  async applySnapshotChunk(): Promise<abci.ResponseApplySnapshotChunk> {
    return { result: 3 /* REJECT_SNAPSHOT */, refetchChunks: [], rejectSenders: [] };
  }

  // ---- invariants, export, shutdown ----

  checkInvariants(ctx: Context = this.ctx(this.store.state)): string[] {
    const broken: string[] = [];
    for (const m of this.wiring.modules)
      for (const inv of m.invariants) {
        const why = inv.check(ctx);
        if (why) broken.push(`${inv.name}: ${why}`);
      }
    return broken;
  }

  private assertInvariants(ctx: Context, where: string): void {
    const broken = this.checkInvariants(ctx);
    if (broken.length) {
      this.log.error('invariant broken: halting', { where, broken });
      throw new Error(`invariant broken at ${where}: ${broken.join('; ')}`);
    }
  }

  /** The app_state of the latest committed state, in genesis JSON shape. */
  exportAppState(): Record<string, unknown> {
    const ctx = this.ctx(this.store.state);
    return exportAppState(this.wiring.modules, (m) => m.exportGenesis(ctx));
  }

  exportChainMeta() {
    const ctx = this.ctx(this.store.state);
    // The set after every queued update: the staking set a chain restarted from this export begins with.
    return {
      chainId: appMeta.chainId(ctx),
      consensusParams: appMeta.consensusParams(ctx),
      validators: appMeta.validatorsAfterPending(ctx),
    };
  }

  async close(): Promise<void> {
    await this.wiring.extendRunner.close();
    await this.pool?.close();
    await this.store.close();
  }
}

export { extensionsEnabledAt };

/**
 * Runs a query handler; an uncoded error (request data that is not the request protobuf: "premature EOF", "invalid
 * wire type") becomes sdk invalid request, as the Cosmos SDK's gRPC query router answers any plain handler error
 * (found by the fuzzer: such queries answered the internal code 1).
 */
function asQueryError<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof CodedError || e instanceof NeedKey) throw e; // NeedKey: a past-height read loading its next key
    throw sdkErrors.invalidRequest(`${path}: ${(e as Error)?.message ?? String(e)}`);
  }
}
