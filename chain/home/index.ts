// The node home: paths, config files, CometBFT keys, the CLI keyring and the dev identity.
export { resolveHome, homePaths, type HomePaths } from './paths.js';
export { initHome, loadHome, type InitHomeOptions, type LoadedHome } from './home.js';
export { parseGenesis, type CometGenesis, type GenesisValidator } from './genesis.js';
export { defaultAppConfig, parseAppConfig, type AppConfig } from './config.js';
export {
  ed25519KeyFromSeed,
  privValidatorKeyJson,
  nodeKeyJson,
  parsePrivValidatorKey,
  parseNodeKey,
  nodeId,
  PUBKEY_TYPE,
  PRIVKEY_TYPE,
  type Ed25519Key,
  type PrivValidatorKeyJson,
  type NodeKeyJson,
} from './comet-keys.js';
export {
  addKey,
  importKey,
  showKey,
  listKeys,
  deleteKey,
  exportKey,
  getWallet,
  ACCOUNT_PREFIX,
  DEFAULT_HD_PATH,
  type KeyInfo,
  type AddKeyOptions,
} from './keyring.js';
export {
  DEV_CHAIN_ID,
  DEV_MNEMONIC,
  DEV_ADDRESSES,
  DEV_VALIDATOR_PATH,
  bip39SeedSync,
  deriveDevValidatorSeed,
  devValidatorKey,
} from './dev.js';
export { HomeError, type HomeErrorCode } from './errors.js';
