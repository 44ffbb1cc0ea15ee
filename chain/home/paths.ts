// Where a node keeps its files. Layout (CometBFT-compatible names under config/ and data/):
//   config/genesis.json              the chain's genesis (CometBFT format, app_state inside)
//   config/priv_validator_key.json   the validator's ed25519 consensus key (CometBFT format)
//   config/node_key.json             the node's ed25519 p2p identity (CometBFT format)
//   config/app.json                  our settings (block time, listen addresses, log level, pruning, ...)
//   data/                            databases; data/priv_validator_state.json (CometBFT's double-sign guard)
//   keyring/<name>.json              the CLI's keys, UNENCRYPTED (see keyring.ts)
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface HomePaths {
  home: string;
  config: string;
  data: string;
  keyring: string;
  genesis: string;
  privValidatorKey: string;
  nodeKey: string;
  appConfig: string;
  privValidatorState: string;
}

/** `--home` flag, else $AICHAIN_HOME, else ~/.aichain; `~` expanded, made absolute. */
export function resolveHome(flag?: string): string {
  const raw = flag || process.env.AICHAIN_HOME || join(homedir(), '.aichain');
  const expanded = raw === '~' ? homedir() : raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw;
  return resolve(expanded);
}

export function homePaths(home: string): HomePaths {
  const config = join(home, 'config');
  const data = join(home, 'data');
  return {
    home,
    config,
    data,
    keyring: join(home, 'keyring'),
    genesis: join(config, 'genesis.json'),
    privValidatorKey: join(config, 'priv_validator_key.json'),
    nodeKey: join(config, 'node_key.json'),
    appConfig: join(config, 'app.json'),
    privValidatorState: join(data, 'priv_validator_state.json'),
  };
}
