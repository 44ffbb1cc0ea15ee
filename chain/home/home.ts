// Creating and loading a node home (layout in paths.ts).
import { randomBytes } from 'node:crypto';
import { access, mkdir, readdir } from 'node:fs/promises';
import { defaultAppConfig, parseAppConfig, type AppConfig } from './config.js';
import {
  ed25519KeyFromSeed,
  nodeKeyJson,
  parseNodeKey,
  parsePrivValidatorKey,
  privValidatorKeyJson,
  type Ed25519Key,
} from './comet-keys.js';
import { HomeError } from './errors.js';
import { readJson, writeJson } from './files.js';
import { parseGenesis, type CometGenesis } from './genesis.js';
import { homePaths, type HomePaths } from './paths.js';

export interface InitHomeOptions {
  /** The full CometBFT genesis document, app_state included. */
  genesis: object;
  /** 32-byte ed25519 seed of the validator key; random (node:crypto) if absent. */
  privValidatorSeed?: Uint8Array;
  /** 32-byte ed25519 seed of the node (p2p) key; random if absent. */
  nodeKeySeed?: Uint8Array;
  /** Settings for config/app.json, over the defaults. */
  config?: Partial<AppConfig>;
  /** Replace the config files of an existing home (data/ and keyring/ are left alone). */
  overwrite?: boolean;
}

export interface LoadedHome {
  paths: HomePaths;
  genesis: CometGenesis;
  privValidator: Ed25519Key;
  nodeKey: Ed25519Key & { id: string };
  config: AppConfig;
}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Writes a fresh home. Refuses if config/ already holds files, unless `overwrite`. */
export async function initHome(home: string, opts: InitHomeOptions): Promise<HomePaths> {
  const paths = homePaths(home);
  if (!opts.overwrite && (await isNonEmptyDir(paths.config))) {
    throw new HomeError('HOME_EXISTS', `${paths.config} already exists; pass overwrite to replace it`, paths.config);
  }
  const genesis = parseGenesis(opts.genesis, 'genesis');
  const config = parseAppConfig({ ...defaultAppConfig, ...opts.config }, 'config');
  const pvSeed = opts.privValidatorSeed ?? randomBytes(32);
  const nodeSeed = opts.nodeKeySeed ?? randomBytes(32);
  ed25519KeyFromSeed(pvSeed); // validates the seed length before anything is written
  ed25519KeyFromSeed(nodeSeed);

  await mkdir(paths.config, { recursive: true, mode: 0o700 });
  await mkdir(paths.data, { recursive: true, mode: 0o700 });
  await mkdir(paths.keyring, { recursive: true, mode: 0o700 });
  await writeJson(paths.genesis, genesis);
  await writeJson(paths.appConfig, config);
  await writeJson(paths.privValidatorKey, privValidatorKeyJson(pvSeed), 0o600);
  await writeJson(paths.nodeKey, nodeKeyJson(nodeSeed), 0o600);
  // CometBFT's last-signed-state file, as `cometbft init` writes it; only a real CometBFT node reads it.
  if (opts.overwrite || !(await exists(paths.privValidatorState))) {
    await writeJson(paths.privValidatorState, { height: '0', round: 0, step: 0 }, 0o600);
  }
  return paths;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads and checks every config file of a home. */
export async function loadHome(home: string): Promise<LoadedHome> {
  const paths = homePaths(home);
  if (!(await isNonEmptyDir(paths.config))) {
    throw new HomeError('HOME_NOT_FOUND', `no node home at ${home} (run \`aichain init\` first, or pass --home)`, home);
  }
  const genesis = parseGenesis(await readJson(paths.genesis, 'genesis'), paths.genesis);
  const privValidator = parsePrivValidatorKey(
    await readJson(paths.privValidatorKey, 'validator key'),
    paths.privValidatorKey,
  );
  const nodeKey = parseNodeKey(await readJson(paths.nodeKey, 'node key'), paths.nodeKey);
  const config = parseAppConfig(await readJson(paths.appConfig, 'app config'), paths.appConfig);
  await mkdir(paths.data, { recursive: true, mode: 0o700 });
  return { paths, genesis, privValidator, nodeKey, config };
}
