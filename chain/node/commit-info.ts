// The vote lists CometBFT hands the app: CommitInfo (decided/proposed last commit) and ExtendedCommitInfo (the
// proposer's local last commit with vote extensions), in validator-set order, plus the seen Commit the dev
// node stores for each height. One validator signs; the others of a larger set show as absent.
import type { CommitInfo, ExtendedCommitInfo } from 'cosmjs-types/tendermint/abci/types';
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { BlockID, Commit } from 'cosmjs-types/tendermint/types/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { compareBytes, type Validator } from './validators.js';

/** Go's zero time.Time as a protobuf Timestamp (0001-01-01T00:00:00Z): the timestamp of an absent CommitSig. */
export const ZERO_TIME: Timestamp = { seconds: -62135596800n, nanos: 0 };

const isSigner = (v: Validator, signer: Uint8Array) => compareBytes(v.address, signer) === 0;

export function buildSeenCommit(
  height: bigint,
  blockId: BlockID,
  vals: readonly Validator[],
  signer: Uint8Array,
  timestamp: Timestamp,
  signature: Uint8Array,
): Commit {
  return {
    height,
    round: 0,
    blockId,
    signatures: vals.map((v) =>
      isSigner(v, signer)
        ? { blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT, validatorAddress: v.address, timestamp, signature }
        : {
            blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
            validatorAddress: new Uint8Array(0),
            timestamp: ZERO_TIME,
            signature: new Uint8Array(0),
          },
    ),
  };
}

export function buildExtendedCommitInfo(
  vals: readonly Validator[],
  signer: Uint8Array,
  extension: Uint8Array,
  extensionSignature: Uint8Array,
): ExtendedCommitInfo {
  return {
    round: 0,
    votes: vals.map((v) =>
      isSigner(v, signer)
        ? {
            validator: { address: v.address, power: v.power },
            voteExtension: extension,
            extensionSignature,
            blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
          }
        : {
            validator: { address: v.address, power: v.power },
            voteExtension: new Uint8Array(0),
            extensionSignature: new Uint8Array(0),
            blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
          },
    ),
  };
}

/** CommitInfo from a block's last commit and the validators of that height (what FinalizeBlock and
 * ProcessProposal receive). */
export function commitInfoFromCommit(commit: Commit | undefined, vals: readonly Validator[]): CommitInfo {
  if (!commit || commit.signatures.length === 0) return { round: 0, votes: [] };
  if (commit.signatures.length !== vals.length) {
    throw new Error(
      `commit at height ${commit.height} has ${commit.signatures.length} signatures for ${vals.length} validators`,
    );
  }
  return {
    round: commit.round,
    votes: commit.signatures.map((s, i) => ({
      validator: { address: vals[i].address, power: vals[i].power },
      blockIdFlag: s.blockIdFlag,
    })),
  };
}

export const emptyCommit = (): Commit => ({
  height: 0n,
  round: 0,
  blockId: { hash: new Uint8Array(0), partSetHeader: { total: 0, hash: new Uint8Array(0) } },
  signatures: [],
});
