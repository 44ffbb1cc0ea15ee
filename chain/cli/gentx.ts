// `aichain genesis gentx` and `aichain genesis collect-gentxs`: a validator's signed MsgCreateValidator for the
// genesis, written to config/gentx/, and the collection of every gentx into config/genesis.json (chain/genutil).
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCoins } from '@cosmjs/stargate';
import { loadHome, resolveHome } from '../home/index.js';
import { getWallet } from '../home/keyring.js';
import { readJson, writeJson } from '../home/files.js';
import { parseGenesis } from '../home/genesis.js';
import { makeGentx } from '../genutil/gentx.js';
import { checkGentx, collectGentxs, type CheckedGentx } from '../genutil/collect.js';
import { genutilErrors } from '../../modules/genutil/errors.js';
import { parse, UsageError } from './args.js';
import { print } from './output.js';

const GENTX_USAGE =
  'usage: aichain genesis gentx KEY AMOUNT --chain-id ID [--moniker M] [--commission-rate 0.1] '
  + '[--commission-max-rate 0.2] [--commission-max-change-rate 0.01] [--min-self-delegation N] [--node-address HOST:PORT]';

export const gentxDir = (home: string) => join(home, 'config', 'gentx');

export interface GentxOptions {
  chainId: string;
  amount: string;
  moniker?: string;
  commissionRate?: string;
  commissionMaxRate?: string;
  commissionMaxChangeRate?: string;
  minSelfDelegation?: string;
  /** host:port of the node's p2p address, for the memo (`nodeid@host:port`, as the SDK writes). */
  nodeAddress?: string;
}

/** Signs a gentx with key `keyName` of `home` and writes it to config/gentx/gentx-<node id>.json. */
export async function writeGentx(
  home: string,
  keyName: string,
  o: GentxOptions,
): Promise<{ file: string } & CheckedGentx> {
  const h = await loadHome(home);
  if (o.chainId !== h.genesis.chain_id)
    throw genutilErrors.wrongChainId(`--chain-id ${o.chainId}, but ${h.paths.genesis} is for ${h.genesis.chain_id}`);
  const coins = parseCoins(o.amount);
  if (coins.length !== 1) throw new UsageError(`AMOUNT must be one amount, e.g. 1000000uaic (got ${o.amount})`);
  const staking = (h.genesis.app_state as any)?.staking?.params;
  const json = await makeGentx(await getWallet(home, keyName), {
    chainId: o.chainId,
    consensusPubkey: h.privValidator.pubKey,
    selfDelegation: coins[0],
    moniker: o.moniker ?? h.config.moniker,
    commission: {
      rate: o.commissionRate ?? '0.1',
      maxRate: o.commissionMaxRate ?? '0.2',
      maxChangeRate: o.commissionMaxChangeRate ?? '0.01',
    },
    minSelfDelegation: o.minSelfDelegation ?? staking?.min_self_delegation ?? '1',
    memo: `${h.nodeKey.id}@${o.nodeAddress ?? '127.0.0.1:26656'}`,
  });
  const name = `gentx-${h.nodeKey.id}.json`;
  // The same checks collect-gentxs makes, against this home's genesis: a bad gentx is refused here already.
  const checked = checkGentx(h.genesis, { name, json }, { operators: new Set(), keys: new Set() });
  await mkdir(gentxDir(home), { recursive: true, mode: 0o700 });
  const file = join(gentxDir(home), name);
  await writeJson(file, json);
  return { file, ...checked };
}

/** Reads every *.json of `dir` (by name), checks them, writes the home's genesis with them as gen_txs. */
export async function collectInto(home: string, dir = gentxDir(home)): Promise<CheckedGentx[]> {
  const h = await loadHome(home);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  if (names.length === 0) throw genutilErrors.invalidGentx(`no gentx files in ${dir}`);
  const files = await Promise.all(names.map(async (n) => ({ name: n, json: await readJson(join(dir, n), 'gentx') })));
  const { genesis, gentxs } = collectGentxs(h.genesis, files);
  await writeJson(h.paths.genesis, parseGenesis(genesis, h.paths.genesis));
  return gentxs;
}

export async function gentxCmd(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    'chain-id': { type: 'string' },
    moniker: { type: 'string' },
    'commission-rate': { type: 'string' },
    'commission-max-rate': { type: 'string' },
    'commission-max-change-rate': { type: 'string' },
    'min-self-delegation': { type: 'string' },
    'node-address': { type: 'string' },
  });
  const [key, amount] = positionals;
  if (!key || !amount || !values['chain-id']) throw new UsageError(GENTX_USAGE);
  const r = await writeGentx(resolveHome(values.home), key, {
    chainId: values['chain-id'],
    amount,
    moniker: values.moniker,
    commissionRate: values['commission-rate'],
    commissionMaxRate: values['commission-max-rate'],
    commissionMaxChangeRate: values['commission-max-change-rate'],
    minSelfDelegation: values['min-self-delegation'],
    nodeAddress: values['node-address'],
  });
  print(
    {
      file: r.file,
      operator: r.operator,
      moniker: r.moniker,
      self_delegation: `${r.selfDelegation.amount}${r.selfDelegation.denom}`,
    },
    values.output,
    (v) => `wrote ${v.file} (validator ${v.moniker}, operator ${v.operator}, self-delegation ${v.self_delegation})`,
  );
}

export async function collectGentxsCmd(argv: string[]): Promise<void> {
  const { values } = parse(argv, { 'gentx-dir': { type: 'string' } });
  const home = resolveHome(values.home);
  const gentxs = await collectInto(home, values['gentx-dir']);
  print(
    { validators: gentxs.map((g) => ({ file: g.name, operator: g.operator, moniker: g.moniker })) },
    values.output,
    (v) =>
      `collected ${v.validators.length} gentx(s) into the genesis: ${v.validators.map((x: any) => x.moniker).join(', ')}`,
  );
}
