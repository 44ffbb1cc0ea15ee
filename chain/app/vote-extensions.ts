// Vote extensions in the Skip Connect pattern (PROTOCOL.md §B): the proposer injects the ExtendedCommitInfo of H-1 as
// tx 0 of block H; every validator checks it in ProcessProposal, signature by signature, because ABCI++ lets
// FinalizeBlock read extensions only from the block itself.
import { ExtendedCommitInfo, type CommitInfo, type ExtendedVoteInfo } from 'cosmjs-types/tendermint/abci/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import type { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { ed25519Verify } from '../../native/ed25519.js';
import { voteExtensionSignBytes } from '../../proto/vote-extension.js';
import type { ConsensusValidator } from './meta.js';

/** Extensions are produced from the enable height on, so block H carries those of H-1 when H-1 >= enable height
 *  (and H-1 is a height of this chain: its first block carries none). */
export function extensionsEnabledAt(params: ConsensusParams | undefined, height: bigint): boolean {
  const h = params?.abci?.voteExtensionsEnableHeight ?? 0n;
  return h > 0n && height >= h;
}
export const blockCarriesExtensions = (params: ConsensusParams | undefined, height: bigint, firstBlock: boolean) =>
  !firstBlock && extensionsEnabledAt(params, height - 1n);

export interface ExtensionCheck {
  /** Height the votes were cast at (the block's height - 1). */
  height: bigint;
  chainId: string;
  validators: ConsensusValidator[];
  maxExtensionBytes: bigint;
  /** Form and size of our extension content (no inference here). */
  contentValid(ext: Uint8Array): boolean;
}

function voteProblem(
  v: ExtendedVoteInfo,
  c: ExtensionCheck,
  round: number,
  byAddr: Map<string, ConsensusValidator>,
): string | undefined {
  const addr = Buffer.from(v.validator?.address ?? []).toString('hex');
  const val = byAddr.get(addr);
  if (!val) return `unknown validator ${addr.toUpperCase()}`;
  if (v.validator.power !== val.power)
    return `validator ${addr.toUpperCase()} power ${v.validator.power} != ${val.power}`;
  if (v.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT) {
    if (v.extensionSignature.length !== 64)
      return `validator ${addr.toUpperCase()}: commit vote without an extension signature`;
    if (BigInt(v.voteExtension.length) > c.maxExtensionBytes)
      return `validator ${addr.toUpperCase()}: extension too large`;
    if (!c.contentValid(v.voteExtension)) return `validator ${addr.toUpperCase()}: malformed extension`;
    const msg = voteExtensionSignBytes(v.voteExtension, c.height, round, c.chainId);
    if (!ed25519Verify(val.pubKey, msg, v.extensionSignature))
      return `validator ${addr.toUpperCase()}: bad extension signature`;
  } else if (v.voteExtension.length || v.extensionSignature.length) {
    return `validator ${addr.toUpperCase()}: non-commit vote carries an extension`;
  } else if (v.blockIdFlag !== BlockIDFlag.BLOCK_ID_FLAG_ABSENT && v.blockIdFlag !== BlockIDFlag.BLOCK_ID_FLAG_NIL) {
    return `validator ${addr.toUpperCase()}: unknown block id flag ${v.blockIdFlag}`;
  }
  return undefined;
}

/** PrepareProposal: votes whose extension fails any check become absent, so the proposal still passes. */
export function pruneExtendedCommit(eci: ExtendedCommitInfo, c: ExtensionCheck): ExtendedCommitInfo {
  const byAddr = new Map(c.validators.map((v) => [Buffer.from(v.address).toString('hex'), v]));
  return {
    round: eci.round,
    votes: eci.votes.map((v) =>
      voteProblem(v, c, eci.round, byAddr) === undefined
        ? v
        : {
            validator: v.validator,
            voteExtension: new Uint8Array(),
            extensionSignature: new Uint8Array(),
            blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_ABSENT,
          },
    ),
  };
}

/** ProcessProposal: the reason tx 0 is unacceptable, or undefined. */
export function checkInjectedCommit(tx0: Uint8Array, lastCommit: CommitInfo, c: ExtensionCheck): string | undefined {
  let eci: ExtendedCommitInfo;
  try {
    eci = ExtendedCommitInfo.decode(tx0);
  } catch {
    return 'tx 0 is not an ExtendedCommitInfo';
  }
  if (eci.round !== lastCommit.round) return `round ${eci.round} != last commit round ${lastCommit.round}`;
  if (eci.votes.length !== lastCommit.votes.length)
    return `${eci.votes.length} votes != ${lastCommit.votes.length} in the last commit`;
  const byAddr = new Map(c.validators.map((v) => [Buffer.from(v.address).toString('hex'), v]));
  const seen = new Set<string>();
  let total = 0n,
    committed = 0n;
  for (const v of c.validators) total += v.power;
  for (let i = 0; i < eci.votes.length; i++) {
    const v = eci.votes[i],
      lc = lastCommit.votes[i];
    const addr = Buffer.from(v.validator?.address ?? []).toString('hex');
    if (addr !== Buffer.from(lc.validator?.address ?? []).toString('hex') || v.validator.power !== lc.validator.power) {
      return `vote ${i} does not match the last commit`;
    }
    if (seen.has(addr)) return `duplicate vote from ${addr.toUpperCase()}`;
    seen.add(addr);
    if (i > 0) {
      const p = eci.votes[i - 1];
      const ordered =
        p.validator.power > v.validator.power
        || (p.validator.power === v.validator.power && Buffer.compare(p.validator.address, v.validator.address) < 0);
      if (!ordered) return 'votes are not sorted by power, then address';
    }
    // A vote can be pruned to absent, never promoted to commit.
    if (v.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT && lc.blockIdFlag !== BlockIDFlag.BLOCK_ID_FLAG_COMMIT) {
      return `vote ${i} claims a commit the last commit does not have`;
    }
    const problem = voteProblem(v, c, eci.round, byAddr);
    if (problem) return problem;
    if (v.blockIdFlag === BlockIDFlag.BLOCK_ID_FLAG_COMMIT) committed += v.validator.power;
  }
  if (committed < (total * 2n) / 3n + 1n)
    return `extensions carry ${committed} of ${total} voting power, need more than 2/3`;
  return undefined;
}
