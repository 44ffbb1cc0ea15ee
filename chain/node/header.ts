// CometBFT v0.38's block hashes (types/block.go, types/results.go, types/params.go, types/part_set.go): the header
// hash is a simple Merkle root over the header's fields, each encoded as CometBFT's cdcEncode does (a gogoproto
// wrapper message), so block ids match what a real CometBFT would compute for the same block.
import { BinaryWriter } from 'cosmjs-types/binary';
import { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import { ExecTxResult } from 'cosmjs-types/tendermint/abci/types';
import { Block } from 'cosmjs-types/tendermint/types/block';
import { HashedParams, type ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { BlockID, CommitSig, type Commit, type Header, type PartSetHeader } from 'cosmjs-types/tendermint/types/types';
import { SimpleValidator } from 'cosmjs-types/tendermint/types/validator';
import { Consensus } from 'cosmjs-types/tendermint/version/types';
import { merkleRoot, sha256 } from './merkle.js';
import type { Validator } from './validators.js';

/** Block parts are 64 KiB (types.BlockPartSizeBytes). */
export const BLOCK_PART_SIZE = 65536;

// cdcEncode: gogotypes.StringValue / Int64Value / BytesValue, field 1, zero value omitted.
const cdcString = (s: string) => (s === '' ? new Uint8Array(0) : new BinaryWriter().uint32(10).string(s).finish());
const cdcInt64 = (n: bigint) => (n === 0n ? new Uint8Array(0) : new BinaryWriter().uint32(8).int64(n).finish());
const cdcBytes = (b: Uint8Array) =>
  b.length === 0 ? new Uint8Array(0) : new BinaryWriter().uint32(10).bytes(b).finish();

export function headerHash(h: Header): Uint8Array {
  return merkleRoot([
    Consensus.encode(h.version).finish(),
    cdcString(h.chainId),
    cdcInt64(h.height),
    Timestamp.encode(h.time).finish(),
    BlockID.encode(h.lastBlockId).finish(),
    cdcBytes(h.lastCommitHash),
    cdcBytes(h.dataHash),
    cdcBytes(h.validatorsHash),
    cdcBytes(h.nextValidatorsHash),
    cdcBytes(h.consensusHash),
    cdcBytes(h.appHash),
    cdcBytes(h.lastResultsHash),
    cdcBytes(h.evidenceHash),
    cdcBytes(h.proposerAddress),
  ]);
}

/** Data.Hash: Merkle root over the txs' sha256 hashes. */
export const txsHash = (txs: readonly Uint8Array[]): Uint8Array => merkleRoot(txs.map(sha256));

/** Commit.Hash: Merkle root over the proto-encoded CommitSigs. */
export const commitHash = (c: Commit): Uint8Array => merkleRoot(c.signatures.map((s) => CommitSig.encode(s).finish()));

/** ValidatorSet.Hash: Merkle root over SimpleValidator{pub_key, voting_power}, in set order. */
export const validatorsHash = (vals: readonly Validator[]): Uint8Array =>
  merkleRoot(vals.map((v) => SimpleValidator.encode({ pubKey: { ed25519: v.pubKey }, votingPower: v.power }).finish()));

/** ConsensusParams.Hash: sha256 of HashedParams{block.max_bytes, block.max_gas} (not a Merkle root). */
export const consensusParamsHash = (p: ConsensusParams): Uint8Array =>
  sha256(HashedParams.encode({ blockMaxBytes: p.block?.maxBytes ?? 0n, blockMaxGas: p.block?.maxGas ?? 0n }).finish());

/** ABCIResults.Hash: Merkle root over the deterministic part of each ExecTxResult {code, data, gas_wanted, gas_used}. */
export const resultsHash = (results: readonly ExecTxResult[]): Uint8Array =>
  merkleRoot(
    results.map((r) =>
      ExecTxResult.encode(
        ExecTxResult.fromPartial({
          code: r.code,
          data: r.data,
          gasWanted: r.gasWanted,
          gasUsed: r.gasUsed,
        }),
      ).finish(),
    ),
  );

/** EvidenceList.Hash for the empty list the dev node always proposes. */
export const emptyEvidenceHash = (): Uint8Array => merkleRoot([]);

/** The block's part set header: its proto bytes cut into 64 KiB parts, Merkle root over the raw parts. */
export function partSetHeader(blockBytes: Uint8Array): PartSetHeader {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < blockBytes.length; i += BLOCK_PART_SIZE) parts.push(blockBytes.subarray(i, i + BLOCK_PART_SIZE));
  return { total: parts.length, hash: merkleRoot(parts) };
}

/** The block id: header hash plus the part set header of the encoded block. */
export function blockIdOf(block: Block): { blockId: BlockID; bytes: Uint8Array } {
  const bytes = Block.encode(block).finish();
  return { blockId: { hash: headerHash(block.header), partSetHeader: partSetHeader(bytes) }, bytes };
}

// Size limits for PrepareProposal (types.MaxDataBytes): what is left of max_bytes for txs after the block overhead,
// the header and a commit with one signature per validator.
const MAX_OVERHEAD_FOR_BLOCK = 11n;
const MAX_HEADER_BYTES = 626n;
const MAX_COMMIT_OVERHEAD_BYTES = 94n;
const MAX_COMMIT_SIG_BYTES = 109n + 2n; // + the repeated field's proto overhead
export const MAX_BLOCK_SIZE_BYTES = 104857600n;

export function maxDataBytes(maxBytes: bigint, evidenceBytes: bigint, validatorCount: number): bigint {
  const limit = maxBytes === -1n ? MAX_BLOCK_SIZE_BYTES : maxBytes;
  return (
    limit
    - MAX_OVERHEAD_FOR_BLOCK
    - MAX_HEADER_BYTES
    - MAX_COMMIT_OVERHEAD_BYTES
    - MAX_COMMIT_SIG_BYTES * BigInt(validatorCount)
    - evidenceBytes
  );
}
