// The bytes a CometBFT v0.38 validator signs for a vote extension: CanonicalVoteExtension{extension, height, round,
// chain_id}, proto3-encoded and prefixed with its uvarint length (CometBFT's VoteExtensionSignBytes /
// protoio.MarshalDelimited). See PROTOCOL.md §B.
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { CanonicalVoteExtension } from './gen/tendermint/types/canonical_vote_extension.js';

export { CanonicalVoteExtension };

export function voteExtensionSignBytes(
  extension: Uint8Array,
  height: bigint | number,
  round: bigint | number,
  chainId: string,
): Uint8Array {
  const body = CanonicalVoteExtension.encode({
    extension,
    height: BigInt(height),
    round: BigInt(round),
    chainId,
  }).finish();
  // BinaryWriter.bytes writes uvarint(length) ‖ bytes: exactly the delimited form.
  return new BinaryWriter().bytes(body).finish();
}
