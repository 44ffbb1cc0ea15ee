// `aichain init` (a fresh chain: new keys, default app state, no balances) and the dev home that `npm start`
// creates on first run (the repo's genesis.json, the dev validator key, dev keys dev0..dev4 in the test keyring).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { DEV_MNEMONIC, deriveDevValidatorSeed, devValidatorKey } from '../home/dev.js';
import { initHome, homePaths, resolveHome, loadHome, type CometGenesis, type GenesisValidator } from '../home/index.js';
import { importKey, listKeys } from '../home/keyring.js';
import { makeCosmoshubPath } from '@cosmjs/proto-signing';
import { pathToString } from '@cosmjs/crypto';
import { wireModules } from '../app/modules.js';
import { defaultAppState } from '../app/genesis.js';
import { parseAddress } from '../types/address.js';
import { parseCoins } from '../types/coins.js';
import { parseCoins as parseCoinString } from '@cosmjs/stargate';
import { readJson, writeJson } from '../home/files.js';
import { ed25519KeyFromSeed } from '../home/comet-keys.js';
import { parse, UsageError } from './args.js';
import { print } from './output.js';
import { collectGentxsCmd, gentxCmd } from './gentx.js';

export const REPO_GENESIS = new URL('../../genesis.json', import.meta.url).pathname;

async function exists(p: string) {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** Initialises `home` from the repo's dev genesis if it has no config yet; true if it did. */
export async function ensureDevHome(home: string): Promise<boolean> {
  if (await exists(homePaths(home).genesis)) return false;
  const genesis = JSON.parse(readFileSync(REPO_GENESIS, 'utf8'));
  const dev = devValidatorKey();
  const named = genesis.validators?.[0]?.pub_key?.value;
  if (named !== Buffer.from(dev.pubKey).toString('base64'))
    throw new Error(`${REPO_GENESIS} does not name the dev validator key`);
  await initHome(home, { genesis, privValidatorSeed: deriveDevValidatorSeed(DEV_MNEMONIC) });
  for (let i = 0; i < 5; i++) {
    await importKey(home, `dev${i}`, DEV_MNEMONIC, { hdPath: pathToString(makeCosmoshubPath(i)), overwrite: true });
  }
  return true;
}

/** A new chain's genesis: default app state with the dev denom metadata and the dev consensus params, no balances. */
export function newChainGenesis(chainId: string, validators: GenesisValidator[]): CometGenesis {
  const dev = JSON.parse(readFileSync(REPO_GENESIS, 'utf8'));
  const appState = defaultAppState(wireModules().modules) as Record<string, any>;
  appState.bank.denom_metadata = dev.app_state.bank.denom_metadata;
  return {
    genesis_time: new Date().toISOString(), // allow-nondeterminism: a new chain's genesis time is the operator's choice
    chain_id: chainId,
    initial_height: '1',
    consensus_params: dev.consensus_params,
    validators,
    app_hash: '',
    app_state: appState,
  };
}

export async function init(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    'chain-id': { type: 'string' },
    moniker: { type: 'string' },
    dev: { type: 'boolean' },
    overwrite: { type: 'boolean' },
  });
  const home = resolveHome(values.home);
  if (values.dev) {
    if ((await exists(homePaths(home).genesis)) && !values.overwrite)
      throw new UsageError(`${home} is already initialised (use --overwrite)`);
    if (values.overwrite)
      await initHome(home, {
        genesis: JSON.parse(readFileSync(REPO_GENESIS, 'utf8')),
        privValidatorSeed: deriveDevValidatorSeed(DEV_MNEMONIC),
        overwrite: true,
      });
    else await ensureDevHome(home);
    print(
      { home, chain_id: 'aichain-dev-1', keys: (await listKeys(home)).map((k) => k.name) },
      values.output,
      (v) => `initialised dev home ${v.home} (chain ${v.chain_id}; keys ${v.keys.join(', ')})`,
    );
    return;
  }
  const chainId = values['chain-id'] ?? `aichain-${randomBytes(3).toString('hex')}`;
  const seed = randomBytes(32);
  const key = ed25519KeyFromSeed(seed);
  const genesis = newChainGenesis(chainId, [
    {
      address: Buffer.from(key.address).toString('hex').toUpperCase(),
      pub_key: { type: 'tendermint/PubKeyEd25519', value: Buffer.from(key.pubKey).toString('base64') },
      power: '10',
      name: values.moniker ?? 'validator',
    },
  ]);
  await initHome(home, {
    genesis,
    privValidatorSeed: seed,
    overwrite: values.overwrite,
    config: values.moniker ? { moniker: values.moniker } : undefined,
  });
  print(
    { home, chain_id: chainId, validator: key.addressHex },
    values.output,
    (v) =>
      `initialised ${v.home} for chain ${v.chain_id} (validator ${v.validator}); fund accounts with \`aichain genesis add-account\`, then \`aichain genesis gentx\` and \`collect-gentxs\``,
  );
}

const GENESIS_USAGE = `usage: aichain genesis add-account ADDRESS COINS (e.g. 1000000uaic,500uusdc)
       aichain genesis gentx KEY AMOUNT --chain-id ID [--moniker M] [--commission-rate R] … (aichain genesis gentx)
       aichain genesis collect-gentxs [--gentx-dir DIR]`;

/** `aichain genesis add-account|gentx|collect-gentxs …`: edits config/genesis.json before the chain starts. */
export async function genesisCmd(argv: string[]): Promise<void> {
  if (argv[0] === 'gentx') return gentxCmd(argv.slice(1));
  if (argv[0] === 'collect-gentxs') return collectGentxsCmd(argv.slice(1));
  return addAccount(argv);
}

/** `aichain genesis add-account ADDRESS COINS` — credits an account in config/genesis.json before the chain starts. */
async function addAccount(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {});
  const [sub, address, amount] = positionals;
  if (sub !== 'add-account' || !address || !amount) throw new UsageError(GENESIS_USAGE);
  const home = resolveHome(values.home);
  const { paths } = await loadHome(home);
  parseAddress(address);
  const coins = parseCoinString(amount).sort((a, b) => (a.denom < b.denom ? -1 : 1));
  parseCoins(coins);
  const g = (await readJson(paths.genesis, 'genesis')) as any;
  const balances: Array<{ address: string; coins: Array<{ denom: string; amount: string }> }> =
    g.app_state.bank.balances;
  if (balances.some((b) => b.address === address)) throw new UsageError(`${address} already has a genesis balance`);
  balances.push({ address, coins });
  await writeJson(paths.genesis, g);
  print({ address, coins }, values.output, () => `added ${amount} for ${address}`);
}
