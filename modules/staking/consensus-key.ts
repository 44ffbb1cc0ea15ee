// CometBFT's validator address for an ed25519 consensus key: the first 20 bytes of sha256(pubkey).
import { createHash } from 'node:crypto';

export const ED25519_PUBKEY_BYTES = 32;
export const consensusAddress = (pub: Uint8Array): Uint8Array =>
  new Uint8Array(createHash('sha256').update(pub).digest().subarray(0, 20));
