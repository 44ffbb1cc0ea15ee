// Sign bytes CometBFT's privval signs (types/vote.go, types/canonical.go): uvarint length ‖ the proto message.
// cosmjs-types has no Canonical* types, so they are written field by field with its BinaryWriter; proto3 omits
// zero values, timestamps are always present (gogoproto non-nullable).
import { BinaryWriter } from 'cosmjs-types/binary';
import { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { BlockID } from 'cosmjs-types/tendermint/types/types';

/** SignedMsgType PRECOMMIT. */
export const PRECOMMIT_TYPE = 2;

function delimited(body: Uint8Array): Uint8Array {
  return new BinaryWriter().bytes(body).finish(); // bytes() writes uvarint(len) ‖ body
}

// The vote-extension sign bytes are generated from proto/ (one definition for the node and the app).
export { voteExtensionSignBytes } from '../../proto/vote-extension.js';

/** CanonicalVote{type=1, height=2 sfixed64, round=3 sfixed64, block_id=4 CanonicalBlockID, timestamp=5, chain_id=6},
 * delimited: what a precommit's signature covers. */
export function voteSignBytes(
  type: number,
  height: bigint,
  round: bigint,
  blockId: BlockID | undefined,
  timestamp: Timestamp,
  chainId: string,
): Uint8Array {
  const w = new BinaryWriter();
  if (type) w.uint32(8).int32(type);
  if (height !== 0n) w.uint32(17).sfixed64(height);
  if (round !== 0n) w.uint32(25).sfixed64(round);
  if (blockId && blockId.hash.length) {
    // CanonicalBlockID{hash=1, part_set_header=2 CanonicalPartSetHeader{total=1 uint32, hash=2}} (non-nullable psh)
    w.uint32(34).fork();
    w.uint32(10).bytes(blockId.hash);
    w.uint32(18).fork();
    if (blockId.partSetHeader.total) w.uint32(8).uint32(blockId.partSetHeader.total);
    if (blockId.partSetHeader.hash.length) w.uint32(18).bytes(blockId.partSetHeader.hash);
    w.ldelim();
    w.ldelim();
  }
  Timestamp.encode(timestamp, w.uint32(42).fork()).ldelim();
  if (chainId !== '') w.uint32(50).string(chainId);
  return delimited(w.finish());
}
