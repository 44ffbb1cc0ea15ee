// The CLI's keyring: keyring/<name>.json under the home, like the Cosmos SDK's `--keyring-backend test`.
// WARNING: UNENCRYPTED development storage. Each file holds the key's mnemonic in plain text (mode 0600, directory
// 0700); anyone who can read the file owns the account. Fine for dev and test chains, not for real funds.
import { Bip39, EnglishMnemonic, Random, pathToString, stringToPath } from '@cosmjs/crypto';
import { DirectSecp256k1HdWallet, makeCosmoshubPath } from '@cosmjs/proto-signing';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HomeError } from './errors.js';
import { isObject, readJson, writeJson } from './files.js';
import { homePaths } from './paths.js';

export const ACCOUNT_PREFIX = 'ai';
export const DEFAULT_HD_PATH = pathToString(makeCosmoshubPath(0)); // m/44'/118'/0'/0/0

export interface KeyInfo {
  name: string;
  /** bech32 account address, prefix `ai` */
  address: string;
  /** base64 of the 33-byte compressed secp256k1 public key */
  pubkey: string;
  hdPath: string;
}

interface KeyFile extends KeyInfo {
  type: 'local';
  warning: string;
  mnemonic: string;
}

export interface AddKeyOptions {
  /** Use this mnemonic instead of generating a 24-word one. */
  mnemonic?: string;
  /** HD path, default m/44'/118'/0'/0/0. */
  hdPath?: string;
  /** Replace an existing key of the same name. */
  overwrite?: boolean;
}

const WARNING = 'UNENCRYPTED test keyring: this file holds the mnemonic in plain text. Dev and test chains only.';
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function keyPath(home: string, name: string): string {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new HomeError(
      'BAD_KEY_NAME',
      `bad key name ${JSON.stringify(name)}: use 1–64 letters, digits, '.', '_' or '-'`,
    );
  }
  return join(homePaths(home).keyring, `${name}.json`);
}

function normalizeMnemonic(mnemonic: string): string {
  const words = String(mnemonic).trim().split(/\s+/).join(' ');
  try {
    return new EnglishMnemonic(words).toString(); // checks words and checksum
  } catch (err) {
    throw new HomeError('BAD_MNEMONIC', `invalid mnemonic: ${(err as Error).message}`);
  }
}

function walletFor(mnemonic: string, hdPath: string): Promise<DirectSecp256k1HdWallet> {
  let path;
  try {
    path = stringToPath(hdPath);
  } catch (err) {
    throw new HomeError('BAD_MNEMONIC', `bad HD path ${JSON.stringify(hdPath)}: ${(err as Error).message}`);
  }
  return DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: ACCOUNT_PREFIX, hdPaths: [path] });
}

async function exists(home: string, name: string): Promise<boolean> {
  try {
    await readKeyFile(home, name);
    return true;
  } catch (err) {
    if (err instanceof HomeError && err.code === 'KEY_NOT_FOUND') return false;
    throw err;
  }
}

async function readKeyFile(home: string, name: string): Promise<KeyFile> {
  const path = keyPath(home, name);
  let raw: unknown;
  try {
    raw = await readJson(path, `key "${name}"`);
  } catch (err) {
    if (err instanceof HomeError && err.code === 'FILE_MISSING')
      throw new HomeError('KEY_NOT_FOUND', `no key named "${name}" in ${homePaths(home).keyring}`, path);
    throw err;
  }
  if (
    !isObject(raw)
    || typeof raw.mnemonic !== 'string'
    || typeof raw.address !== 'string'
    || typeof raw.hdPath !== 'string'
    || typeof raw.pubkey !== 'string'
  ) {
    throw new HomeError('FILE_CORRUPT', `${path}: not a keyring entry`, path);
  }
  return raw as unknown as KeyFile;
}

const info = (k: KeyFile): KeyInfo => ({ name: k.name, address: k.address, pubkey: k.pubkey, hdPath: k.hdPath });

/** Creates a key (a fresh 24-word mnemonic unless one is given); returns it with its mnemonic, to show once. */
export async function addKey(
  home: string,
  name: string,
  opts: AddKeyOptions = {},
): Promise<{ key: KeyInfo; mnemonic: string }> {
  const path = keyPath(home, name);
  if (!opts.overwrite && (await exists(home, name)))
    throw new HomeError('KEY_EXISTS', `a key named "${name}" already exists`, path);
  const mnemonic =
    opts.mnemonic !== undefined ? normalizeMnemonic(opts.mnemonic) : Bip39.encode(Random.getBytes(32)).toString();
  const hdPath = opts.hdPath ?? DEFAULT_HD_PATH;
  const [account] = await (await walletFor(mnemonic, hdPath)).getAccounts();
  const file: KeyFile = {
    name,
    type: 'local',
    address: account.address,
    pubkey: Buffer.from(account.pubkey).toString('base64'),
    hdPath,
    warning: WARNING,
    mnemonic,
  };
  await mkdir(homePaths(home).keyring, { recursive: true, mode: 0o700 });
  await writeJson(path, file, 0o600);
  return { key: info(file), mnemonic };
}

/** Imports a key from its mnemonic. */
export async function importKey(
  home: string,
  name: string,
  mnemonic: string,
  opts: Omit<AddKeyOptions, 'mnemonic'> = {},
): Promise<KeyInfo> {
  return (await addKey(home, name, { ...opts, mnemonic })).key;
}

export async function showKey(home: string, name: string): Promise<KeyInfo> {
  return info(await readKeyFile(home, name));
}

/** All keys, sorted by name. */
export async function listKeys(home: string): Promise<KeyInfo[]> {
  let names: string[];
  try {
    names = (await readdir(homePaths(home).keyring)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const keys: KeyInfo[] = [];
  for (const n of names.filter((n) => NAME_RE.test(n)).sort()) keys.push(await showKey(home, n));
  return keys;
}

export async function deleteKey(home: string, name: string): Promise<void> {
  const path = keyPath(home, name);
  await readKeyFile(home, name); // KEY_NOT_FOUND if absent
  await rm(path);
}

/** The mnemonic and HD path of a key (for `keys export`). */
export async function exportKey(home: string, name: string): Promise<{ mnemonic: string; hdPath: string }> {
  const k = await readKeyFile(home, name);
  return { mnemonic: k.mnemonic, hdPath: k.hdPath };
}

/** A signer for the key: a DirectSecp256k1HdWallet with prefix `ai` at the key's HD path. */
export async function getWallet(home: string, name: string): Promise<DirectSecp256k1HdWallet> {
  const k = await readKeyFile(home, name);
  return walletFor(k.mnemonic, k.hdPath);
}
