// An in-process testnet: N AichainApp instances, each with its own store and ed25519 consensus key, driven through
// the ABCI++ interface by a harness that plays CometBFT v0.38 for N validators (DESIGN §2: multi-validator behaviour is
// tested this way, never by a home-made p2p consensus). Usable as a library by simulations.
//
// Per height H, as the four-validator recording shows CometBFT doing (test/fixtures/cometbft-0.38.25/abci/four-validators):
//   proposer (rotating by height + round, skipping nobody: an absent proposer costs a round, as heights 12 and 16 of
//   the recording were decided in round 1): PrepareProposal(local_last_commit = the extended commit of H-1)
//   every present validator: ProcessProposal; a proposal that fewer than > 2/3 of the power accepts fails the round
//   every present validator: ExtendVote (from the enable height), its extension signed over CanonicalVoteExtension
//   every present validator: VerifyVoteExtension of every other present validator's vote (never its own)
//   every present validator: FinalizeBlock(decided_last_commit = the commit of H-1), then Commit; app hashes must agree.
// Votes are listed by power descending, then address ascending; an absent vote carries only {validator, flag 1}.
// A validator made absent misses heights and catches up, when it returns, by FinalizeBlock + Commit replay only (as
// CometBFT's block sync / handshake replay). Byzantine behaviour is injected per validator: a different extension,
// a tampered proposal, or a refusal to accept proposals.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as abci from 'cosmjs-types/tendermint/abci/types';
import { ExtendedCommitInfo } from 'cosmjs-types/tendermint/abci/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { CommitStore } from '../../chain/store/committed.js';
import { AichainApp, type AppOptions } from '../../chain/app/app.js';
import type { AbciApplication } from '../../chain/app/application.js';
import { cometAddress, ed25519PubFromSeed, ed25519Sign } from '../../native/ed25519.js';
import { voteExtensionSignBytes } from '../../proto/vote-extension.js';
import { GENESIS_TIME, removeDir } from './app-harness.js';

export interface TestnetValidator {
  index: number;
  seed: Uint8Array;
  pub: Uint8Array;
  address: Uint8Array;
  power: bigint;
}

/** What a Byzantine validator does differently; every hook is optional. */
export interface Byzantine {
  /** Replaces the extension this validator signs and gossips at `height` (the honest one is given). */
  extension?(honest: Uint8Array, height: bigint): Uint8Array;
  /** Replaces the txs of a proposal this validator makes (after its own PrepareProposal). */
  proposal?(txs: Uint8Array[], height: bigint): Uint8Array[];
  /** Votes for no proposal (acts as if it rejected every one). */
  rejectAll?: boolean;
}

/** One ABCI call as a validator's app received it (for cross-checks against CometBFT's recorded streams). */
export interface Call {
  node: number;
  method: keyof AbciApplication;
  req: unknown;
  res: unknown;
}

export interface Node {
  validator: TestnetValidator;
  app: AichainApp;
  dir: string;
  /** Last height this node committed. */
  height: bigint;
  absent: boolean;
  byzantine?: Byzantine;
}

export interface BlockRecord {
  height: bigint;
  round: number;
  proposer: number;
  txs: Uint8Array[];
  hash: Uint8Array;
  time: { seconds: bigint; nanos: number };
  decidedLastCommit: abci.CommitInfo;
  appHash: Uint8Array;
  txResults: abci.ExecTxResult[];
  events: abci.Event[];
  /** ProcessProposal answers per node index (rounds that failed before this one included). */
  rejectedRounds: Array<{ round: number; proposer: number; rejectedBy: number[] }>;
  /** VerifyVoteExtension rejections: [verifier, voter]. */
  extensionRejections: Array<[number, number]>;
}

export interface TestnetOptions {
  /** Voting powers, one validator each (genesis order). */
  powers: bigint[];
  appState: unknown;
  chainId?: string;
  /** Consensus param abci.vote_extensions_enable_height (default 1). */
  veHeight?: bigint;
  appOptions?: Partial<AppOptions>;
  /** Options for validator i only (over appOptions): e.g. its own ExtendVote runner. */
  appOptionsFor?: (index: number) => Partial<AppOptions>;
  /** Records every ABCI call (cross-checks); off by default. */
  record?: boolean;
  /** Rounds tried per height before giving up (default 4). */
  maxRounds?: number;
  /** Seed bytes for validator i's key: seed[j] = seedBase + i for every byte (default 1 + i). */
  seedBase?: number;
}

export const MAX_TX_BYTES = 22_018_921n; // what CometBFT's default block size left in the recording

const sortVotes = <T extends { power: bigint; address: Uint8Array }>(vs: T[]) =>
  [...vs].sort((a, b) => (a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(a.address, b.address)));

export class Testnet {
  readonly nodes: Node[];
  /** The validator set in CometBFT's order (power descending, then address ascending); changes as the app's
   *  validator updates take effect (returned at H, in force from H + 2, as CometBFT applies them). */
  order: TestnetValidator[];
  private readonly pendingUpdates: Array<{ height: bigint; updates: abci.ValidatorUpdate[] }> = [];
  readonly chainId: string;
  readonly veHeight: bigint;
  readonly blocks: BlockRecord[] = [];
  readonly calls: Call[] = [];
  /** Txs waiting for the next proposal. */
  mempool: Uint8Array[] = [];
  private lastExtCommit: abci.ExtendedCommitInfo = { round: 0, votes: [] };
  private lastCommit: abci.CommitInfo = { round: 0, votes: [] };
  private readonly maxRounds: number;
  private readonly opts: TestnetOptions;

  private constructor(opts: TestnetOptions, nodes: Node[]) {
    this.opts = opts;
    this.nodes = nodes;
    this.order = sortVotes(nodes.map((n) => n.validator));
    this.chainId = opts.chainId ?? 'aichain-testnet-1';
    this.veHeight = opts.veHeight ?? 1n;
    this.maxRounds = opts.maxRounds ?? 4;
  }

  static async start(opts: TestnetOptions): Promise<Testnet> {
    const nodes: Node[] = [];
    for (let i = 0; i < opts.powers.length; i++) {
      const seed = new Uint8Array(32).fill((opts.seedBase ?? 1) + i);
      const pub = ed25519PubFromSeed(seed);
      const validator = { index: i, seed, pub, address: cometAddress(pub), power: opts.powers[i] };
      const dir = mkdtempSync(join(tmpdir(), `aichain-testnet-${i}-`));
      nodes.push({ validator, dir, app: await Testnet.openApp(dir, opts, i), height: 0n, absent: false });
    }
    const net = new Testnet(opts, nodes);
    for (const n of nodes) await net.call(n, 'initChain', net.initChainRequest());
    return net;
  }

  private static async openApp(dir: string, opts: TestnetOptions, index: number): Promise<AichainApp> {
    const store = await CommitStore.open(join(dir, 'application.db'));
    return new AichainApp({ store, invariantCheckPeriod: 1, ...opts.appOptions, ...opts.appOptionsFor?.(index) });
  }

  initChainRequest(): abci.RequestInitChain {
    return {
      time: GENESIS_TIME,
      chainId: this.chainId,
      initialHeight: 1n,
      consensusParams: {
        block: { maxBytes: 22020096n, maxGas: -1n },
        evidence: { maxAgeNumBlocks: 100000n, maxAgeDuration: { seconds: 172800n, nanos: 0 }, maxBytes: 1048576n },
        validator: { pubKeyTypes: ['ed25519'] },
        version: { app: 0n },
        abci: { voteExtensionsEnableHeight: this.veHeight },
      },
      // CometBFT sends InitChain's validators in set order.
      validators: this.order.map((v) => ({ pubKey: { ed25519: v.pub }, power: v.power })),
      appStateBytes: new TextEncoder().encode(JSON.stringify(this.opts.appState)),
    };
  }

  /** One ABCI call, recorded when asked. */
  private async call<M extends keyof AbciApplication>(
    n: Node,
    method: M,
    req: Parameters<AbciApplication[M]>[0],
  ): Promise<Awaited<ReturnType<AbciApplication[M]>>> {
    const fn = n.app[method] as (r: typeof req) => ReturnType<AbciApplication[M]>;
    const res = await fn.call(n.app, req);
    if (this.opts.record) this.calls.push({ node: n.validator.index, method, req, res });
    return res as Awaited<ReturnType<AbciApplication[M]>>;
  }

  get height(): bigint {
    return BigInt(this.blocks.length);
  }
  nodeOf(v: TestnetValidator): Node {
    return this.nodes[v.index];
  }
  present(): Node[] {
    return this.order.map((v) => this.nodeOf(v)).filter((n) => !n.absent);
  }
  totalPower(): bigint {
    return this.order.reduce((s, v) => s + v.power, 0n);
  }

  /** Stops a validator taking part (it keeps its store and catches up by replay when it returns). */
  setAbsent(index: number, absent = true): void {
    this.nodes[index].absent = absent;
  }
  setByzantine(index: number, b: Byzantine | undefined): void {
    this.nodes[index].byzantine = b;
  }

  /** Round-robin over the set order by height and round. */
  proposerAt(height: bigint, round: number): TestnetValidator {
    return this.order[Number((height + BigInt(round)) % BigInt(this.order.length))];
  }

  private blockHash(height: bigint, round: number, txs: Uint8Array[]): Uint8Array {
    const h = createHash('sha256').update(this.chainId).update(height.toString()).update(String(round));
    for (const tx of txs) h.update(createHash('sha256').update(tx).digest());
    return new Uint8Array(h.digest());
  }

  /** Runs one height to commit on every present validator; throws if the app hashes disagree or no round succeeds. */
  async produceBlock(txs: Uint8Array[] = this.mempool.splice(0)): Promise<BlockRecord> {
    const height = this.height + 1n;
    this.applyDueUpdates(height);
    // Every running node follows the chain, in the set or not (a jailed validator's node keeps up as a full node).
    for (const n of this.nodes) if (!n.absent) await this.catchUp(n);
    const time = { seconds: GENESIS_TIME.seconds + height, nanos: 0 };
    const rejectedRounds: BlockRecord['rejectedRounds'] = [];
    for (let round = 0; round < this.maxRounds; round++) {
      const pv = this.proposerAt(height, round);
      const proposer = this.nodeOf(pv);
      if (proposer.absent) {
        rejectedRounds.push({ round, proposer: pv.index, rejectedBy: [] });
        continue;
      }
      const prep = await this.call(proposer, 'prepareProposal', {
        maxTxBytes: MAX_TX_BYTES,
        txs,
        localLastCommit: this.lastExtCommit,
        misbehavior: [],
        height,
        time,
        nextValidatorsHash: new Uint8Array(32),
        proposerAddress: pv.address,
      });
      const blockTxs = proposer.byzantine?.proposal?.(prep.txs, height) ?? prep.txs;
      const hash = this.blockHash(height, round, blockTxs);
      const proposal = {
        txs: blockTxs,
        proposedLastCommit: this.lastCommit,
        misbehavior: [],
        hash,
        height,
        time,
        nextValidatorsHash: new Uint8Array(32),
        proposerAddress: pv.address,
      };
      const rejectedBy: number[] = [];
      let accepted = 0n;
      for (const n of this.present()) {
        const r = await this.call(n, 'processProposal', proposal);
        if (r.status === 1 && !n.byzantine?.rejectAll) accepted += n.validator.power;
        else rejectedBy.push(n.validator.index);
      }
      if (accepted * 3n <= this.totalPower() * 2n) {
        rejectedRounds.push({ round, proposer: pv.index, rejectedBy });
        continue;
      }
      return this.commitBlock(proposal, round, pv.index, rejectedRounds);
    }
    throw new Error(
      `height ${height}: no round of ${this.maxRounds} reached a decision (${JSON.stringify(rejectedRounds)})`,
    );
  }

  private async commitBlock(
    p: abci.RequestProcessProposal,
    round: number,
    proposer: number,
    rejectedRounds: BlockRecord['rejectedRounds'],
  ): Promise<BlockRecord> {
    const { height, hash, time } = p;
    const present = this.present();
    // Precommits with their extensions (from the enable height on).
    const extOn = this.veHeight > 0n && height >= this.veHeight;
    const exts = new Map<number, { ext: Uint8Array; sig: Uint8Array }>();
    if (extOn) {
      for (const n of present) {
        const r = await this.call(n, 'extendVote', {
          ...p,
          hash,
          height,
          time,
          txs: p.txs,
          proposedLastCommit: p.proposedLastCommit,
        });
        const ext = n.byzantine?.extension?.(r.voteExtension, height) ?? r.voteExtension;
        exts.set(n.validator.index, {
          ext,
          sig: ed25519Sign(n.validator.seed, voteExtensionSignBytes(ext, height, round, this.chainId)),
        });
      }
    }
    // Every validator verifies every other's extension; a vote an honest validator refuses does not reach the commit.
    const extensionRejections: Array<[number, number]> = [];
    const refused = new Set<number>();
    if (extOn) {
      for (const verifier of present)
        for (const voter of present) {
          if (voter === verifier) continue;
          const e = exts.get(voter.validator.index)!;
          const r = await this.call(verifier, 'verifyVoteExtension', {
            hash,
            validatorAddress: voter.validator.address,
            height,
            voteExtension: e.ext,
          });
          if (r.status !== 1) {
            extensionRejections.push([verifier.validator.index, voter.validator.index]);
            if (!verifier.byzantine) refused.add(voter.validator.index);
          }
        }
    }
    const decidedLastCommit = this.lastCommit;
    let appHash: Uint8Array | undefined;
    let fin: abci.ResponseFinalizeBlock | undefined;
    for (const n of present) {
      const r = await this.call(n, 'finalizeBlock', {
        txs: p.txs,
        decidedLastCommit,
        misbehavior: [],
        hash,
        height,
        time,
        nextValidatorsHash: p.nextValidatorsHash,
        proposerAddress: p.proposerAddress,
      });
      if (appHash && Buffer.compare(appHash, r.appHash) !== 0) {
        throw new Error(
          `height ${height}: app hash of validator ${n.validator.index} ${Buffer.from(r.appHash).toString('hex')} != ${Buffer.from(appHash).toString('hex')}`,
        );
      }
      appHash = r.appHash;
      fin = r;
    }
    for (const n of present) {
      await this.call(n, 'commit', {});
      n.height = height;
    }
    if (fin!.validatorUpdates.length) this.pendingUpdates.push({ height, updates: fin!.validatorUpdates });
    // The commit of this height, as the next height's requests carry it.
    const votes = this.order.map((v) => {
      const n = this.nodeOf(v);
      const committed = !n.absent && !refused.has(v.index);
      const e = exts.get(v.index);
      return {
        validator: { address: v.address, power: v.power },
        blockIdFlag: committed ? BlockIDFlag.BLOCK_ID_FLAG_COMMIT : BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
        voteExtension: committed && e ? e.ext : new Uint8Array(),
        extensionSignature: committed && e ? e.sig : new Uint8Array(),
      };
    });
    this.lastExtCommit = { round, votes };
    this.lastCommit = { round, votes: votes.map((v) => ({ validator: v.validator, blockIdFlag: v.blockIdFlag })) };
    const rec: BlockRecord = {
      height,
      round,
      proposer,
      txs: p.txs,
      hash,
      time,
      decidedLastCommit,
      appHash: appHash!,
      txResults: fin!.txResults,
      events: fin!.events,
      rejectedRounds,
      extensionRejections,
    };
    this.blocks.push(rec);
    return rec;
  }

  /** Applies the updates returned at height - 2 or before: new powers, power 0 leaves the set. */
  private applyDueUpdates(height: bigint): void {
    while (this.pendingUpdates.length && this.pendingUpdates[0].height + 2n <= height) {
      for (const u of this.pendingUpdates.shift()!.updates) {
        const n = this.nodes.find((x) => Buffer.compare(x.validator.pub, u.pubKey.ed25519 ?? new Uint8Array()) === 0);
        if (!n) throw new Error('testnet: a validator update for a key no node holds');
        n.validator.power = u.power;
      }
      this.order = sortVotes(this.nodes.map((n) => n.validator).filter((v) => v.power > 0n));
    }
  }

  /** Replays the blocks a node missed (FinalizeBlock + Commit only, as CometBFT's replay). */
  async catchUp(n: Node): Promise<void> {
    while (n.height < this.height) {
      const b = this.blocks[Number(n.height)];
      const r = await this.call(n, 'finalizeBlock', {
        txs: b.txs,
        decidedLastCommit: b.decidedLastCommit,
        misbehavior: [],
        hash: b.hash,
        height: b.height,
        time: b.time,
        nextValidatorsHash: new Uint8Array(32),
        proposerAddress: this.nodes[b.proposer].validator.address,
      });
      if (Buffer.compare(r.appHash, b.appHash) !== 0)
        throw new Error(`replay of height ${b.height} on validator ${n.validator.index}: app hash differs`);
      await this.call(n, 'commit', {});
      n.height = b.height;
    }
  }

  /** Closes a validator's app and opens it again on its store (a crash and restart); Info must report its height. */
  async restart(index: number): Promise<void> {
    const n = this.nodes[index];
    await n.app.close();
    n.app = await Testnet.openApp(n.dir, this.opts, index);
    const info = await this.call(n, 'info', { version: '', blockVersion: 0n, p2pVersion: 0n, abciVersion: '' });
    n.height = info.lastBlockHeight;
    if (n.height === 0n) await this.call(n, 'initChain', this.initChainRequest());
  }

  /** The injected ExtendedCommitInfo of a block (tx 0): blocks after the first whose previous height was >= the enable height. */
  injected(b: BlockRecord): ExtendedCommitInfo | undefined {
    const carries = b.height > 1n && this.veHeight > 0n && b.height - 1n >= this.veHeight;
    return carries && b.txs.length ? ExtendedCommitInfo.decode(b.txs[0]) : undefined;
  }

  async close(): Promise<void> {
    for (const n of this.nodes) {
      await n.app.close();
      removeDir(n.dir);
    }
  }
}
