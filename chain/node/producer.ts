// Builds and applies one block the way a lone CometBFT v0.38 validator does: PrepareProposal (mempool txs, the
// extended last commit), ProcessProposal (must accept), ExtendVote + a self-check with VerifyVoteExtension from
// the enable height on, sign, save the block, then FinalizeBlock + Commit (executor.ts). Never overlaps itself.
import type { ExtendedCommitInfo, CommitInfo } from 'cosmjs-types/tendermint/abci/types';
import {
  ResponseProcessProposal_ProposalStatus as ProposalStatus,
  ResponseVerifyVoteExtension_VerifyStatus as VerifyStatus,
} from 'cosmjs-types/tendermint/abci/types';
import type { Block } from 'cosmjs-types/tendermint/types/block';
import type { Commit } from 'cosmjs-types/tendermint/types/types';
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import { voteExtensionSignBytes, voteSignBytes, PRECOMMIT_TYPE } from './canonical.js';
import { buildExtendedCommitInfo, buildSeenCommit, emptyCommit } from './commit-info.js';
import { voteExtensionsEnabled } from './consensus-params.js';
import { executeBlock, FatalNodeError, type ExecutorDeps } from './executor.js';
import {
  blockIdOf,
  commitHash,
  consensusParamsHash,
  emptyEvidenceHash,
  maxDataBytes,
  txsHash,
  validatorsHash,
} from './header.js';
import type { Mempool } from './mempool.js';
import { protoSizeOfTx } from './mempool.js';
import type { PrivValidator } from './privval.js';
import type { NodeState } from './state.js';
import { fromNanos, toNanos, wallClockNanos } from './time.js';
import { compareBytes, totalPower } from './validators.js';
import type { ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';

/** CometBFT's block protocol version in v0.38. */
export const BLOCK_PROTOCOL = 11n;
const ONE_MS = 1_000_000n;

export interface ProducerDeps extends ExecutorDeps {
  mempool: Mempool;
  privVal: PrivValidator;
  /** Nanoseconds; the wall clock unless a test fixes it. */
  clock?: () => bigint;
}

export interface CommittedBlock {
  block: Block;
  results: ResponseFinalizeBlock;
}

export class Producer {
  private readonly clock: () => bigint;

  /**
   * @param state the node state at lastHeight
   * @param lastCommit our seen commit for lastHeight (empty before the first block)
   * @param lastExtCommit our extended commit info for lastHeight (votes [] before the first block)
   */
  constructor(
    private readonly d: ProducerDeps,
    public state: NodeState,
    private lastCommit: Commit,
    private lastExtCommit: ExtendedCommitInfo,
  ) {
    this.clock = d.clock ?? wallClockNanos;
  }

  /** Produces height state.lastHeight + 1. Any failure is fatal for the node (CometBFT would panic). */
  async produceBlock(): Promise<CommittedBlock> {
    const { app, mempool, privVal } = this.d;
    const s = this.state;
    const height = s.lastHeight + 1n;
    const vals = s.validators;
    const me = vals.find((v) => compareBytes(v.address, privVal.address) === 0);
    if (!me)
      throw new FatalNodeError(
        `height ${height}: this node's validator ${hex(privVal.address)} is not in the validator set`,
      );
    if (me.power * 3n <= totalPower(vals) * 2n) {
      this.d.log.warn('this validator holds less than 2/3 of the voting power; a real network would not commit', {
        height,
      });
    }
    const time = this.blockTime(height);
    const proposerAddress = privVal.address;
    const nextValidatorsHash = validatorsHash(s.nextValidators);
    const params = s.consensusParams;
    const maxBytes = maxDataBytes(params.block?.maxBytes ?? 22020096n, 0n, vals.length);
    const lastCommitInfo: CommitInfo = {
      round: this.lastExtCommit.round,
      votes: this.lastExtCommit.votes.map((v) => ({ validator: v.validator, blockIdFlag: v.blockIdFlag })),
    };

    const prep = await app.prepareProposal({
      maxTxBytes: maxBytes,
      txs: mempool.reapMaxBytesMaxGas(maxBytes, params.block?.maxGas ?? -1n),
      localLastCommit: this.lastExtCommit,
      misbehavior: [],
      height,
      time,
      nextValidatorsHash,
      proposerAddress,
    });
    const size = prep.txs.reduce((n: bigint, tx: Uint8Array) => n + BigInt(protoSizeOfTx(tx.length)), 0n);
    if (size > maxBytes)
      throw new FatalNodeError(
        `PrepareProposal at height ${height} returned ${size} bytes of txs, over max_tx_bytes ${maxBytes}`,
      );
    const txs = prep.txs;

    const block: Block = {
      header: {
        version: { block: BLOCK_PROTOCOL, app: s.appVersion },
        chainId: s.chainId,
        height,
        time,
        lastBlockId: s.lastBlockId,
        lastCommitHash: commitHash(this.lastCommit),
        dataHash: txsHash(txs),
        validatorsHash: validatorsHash(vals),
        nextValidatorsHash,
        consensusHash: consensusParamsHash(params),
        appHash: s.appHash,
        lastResultsHash: s.lastResultsHash,
        evidenceHash: emptyEvidenceHash(),
        proposerAddress,
      },
      data: { txs },
      evidence: { evidence: [] },
      lastCommit: this.lastCommit,
    };
    const { blockId, bytes } = blockIdOf(block);

    const proc = await app.processProposal({
      txs,
      proposedLastCommit: lastCommitInfo,
      misbehavior: [],
      hash: blockId.hash,
      height,
      time,
      nextValidatorsHash,
      proposerAddress,
    });
    if (proc.status !== ProposalStatus.ACCEPT) {
      throw new FatalNodeError(
        `ProcessProposal rejected our own block at height ${height} (status ${proc.status}); a lone validator cannot make progress`,
      );
    }

    let extension: Uint8Array = new Uint8Array(0),
      extensionSignature: Uint8Array = new Uint8Array(0);
    if (voteExtensionsEnabled(params, height)) {
      const ev = await app.extendVote({
        hash: blockId.hash,
        height,
        time,
        txs,
        proposedLastCommit: lastCommitInfo,
        misbehavior: [],
        nextValidatorsHash,
        proposerAddress,
      });
      extension = ev.voteExtension ?? new Uint8Array(0);
      const vr = await app.verifyVoteExtension({
        hash: blockId.hash,
        validatorAddress: privVal.address,
        height,
        voteExtension: extension,
      });
      if (vr.status !== VerifyStatus.ACCEPT) {
        throw new FatalNodeError(
          `VerifyVoteExtension rejected this node's own extension at height ${height} (status ${vr.status}); the app must accept what its ExtendVote made`,
        );
      }
      extensionSignature = privVal.sign(voteExtensionSignBytes(extension, height, 0n, s.chainId));
    }

    const voteTime = this.voteTime(time);
    const signature = privVal.sign(voteSignBytes(PRECOMMIT_TYPE, height, 0n, blockId, voteTime, s.chainId));
    const seenCommit = buildSeenCommit(height, blockId, vals, privVal.address, voteTime, signature);
    const extCommit = buildExtendedCommitInfo(vals, privVal.address, extension, extensionSignature);
    await this.d.store.saveBlock({
      block,
      bytes,
      blockId,
      seenCommit,
      validators: vals,
      params,
      extendedCommit: extCommit,
    });

    const { state, results } = await executeBlock(this.d, s, block, blockId);
    this.state = state;
    this.lastCommit = seenCommit;
    this.lastExtCommit = extCommit;
    return { block, results };
  }

  /** Block time: genesis time for the first block, then our precommit time for the previous block (BFT time
   * with one validator), which voteTime made strictly increasing. */
  private blockTime(height: bigint): Timestamp {
    if (height === this.state.initialHeight || this.lastCommit.signatures.length === 0) return this.state.lastBlockTime;
    const mine = this.lastCommit.signatures.find(
      (sig) => compareBytes(sig.validatorAddress, this.d.privVal.address) === 0,
    );
    return mine?.timestamp ?? fromNanos(toNanos(this.state.lastBlockTime) + ONE_MS);
  }

  /** Precommit time: the wall clock, but at least 1 ms after the block time (CometBFT's voteTime). */
  private voteTime(blockTime: Timestamp): Timestamp {
    const now = this.clock();
    const min = toNanos(blockTime) + ONE_MS;
    return fromNanos(now > min ? now : min);
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
export { emptyCommit };
