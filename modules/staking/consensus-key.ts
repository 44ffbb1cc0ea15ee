// CometBFT's validator address for an ed25519 consensus key: the first 20 bytes of sha256(pubkey).
export const ED25519_PUBKEY_BYTES = 32;
export { consensusAddress } from '../../chain/types/address.js';
