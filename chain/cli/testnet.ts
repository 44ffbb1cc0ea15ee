// `aichain testnet init --v N --output DIR`: N validators on 127.0.0.1, ready to run behind CometBFT v0.38. Each gets
// an app home (node<i>/aichain: keys, a funded `operator` key in the test keyring, its gentx) and a CometBFT home
// (node<i>/cometbft: config.toml with its own ports and every other node as a persistent peer, the same node and
// validator keys); all share one genesis made by gentx + collect-gentxs. start-all.sh / stop-all.sh run it.
import { chmod, copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { addKey, initHome, loadHome, nodeKeyJson, privValidatorKeyJson } from '../home/index.js';
import { readJson, writeJson } from '../home/files.js';
import { cometConfigToml } from '../testnet/comet-config.js';
import { startAllSh, stopAllSh } from '../testnet/scripts.js';
import { collectInto, writeGentx } from './gentx.js';
import { newChainGenesis } from './init.js';
import { parse, UsageError } from './args.js';
import { print } from './output.js';

const USAGE = 'usage: aichain testnet init --v N --output DIR [--base-port 26600] [--chain-id ID]';
const OPERATOR_KEY = 'operator';
/** Each operator's genesis funds and its self-delegation (power 100). */
export const TESTNET_FUNDS = [
  { denom: 'uaic', amount: '1000000000000' },
  { denom: 'uusdc', amount: '1000000000000' },
];
export const TESTNET_SELF_DELEGATION = '100000000uaic';

/** Node i's ports: a block of 10 from the base port. */
export function testnetPorts(base: number, i: number) {
  const p = base + 10 * i;
  return { p2p: p, rpc: p + 1, abci: p + 2, pprof: p + 3, appRpc: p + 4 };
}

export interface TestnetOptions {
  validators: number;
  output: string;
  basePort: number;
  chainId: string;
  /** The command start-all.sh runs for the app (default: node on this checkout's bin/aichain.js). */
  aichainCmd?: string;
}

export interface TestnetNode {
  dir: string;
  appHome: string;
  cometHome: string;
  nodeId: string;
  operator: string;
  ports: ReturnType<typeof testnetPorts>;
}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export async function initTestnet(o: TestnetOptions): Promise<TestnetNode[]> {
  if (!Number.isSafeInteger(o.validators) || o.validators < 1 || o.validators > 100)
    throw new UsageError('--v must be a number of validators from 1 to 100');
  if (!Number.isSafeInteger(o.basePort) || o.basePort < 1024 || o.basePort + 10 * o.validators > 32767)
    throw new UsageError('--base-port must leave 10 ports per validator between 1024 and 32767');
  const out = resolve(o.output);
  if (await isNonEmptyDir(out)) throw new UsageError(`${out} is not empty`);
  const base = newChainGenesis(o.chainId, []);
  const nodes: TestnetNode[] = [];
  for (let i = 0; i < o.validators; i++) {
    const dir = join(out, `node${i}`);
    const ports = testnetPorts(o.basePort, i);
    const appHome = join(dir, 'aichain');
    await initHome(appHome, {
      genesis: base,
      config: {
        moniker: `node${i}`,
        abciLaddr: `tcp://127.0.0.1:${ports.abci}`,
        rpcLaddr: `tcp://127.0.0.1:${ports.appRpc}`,
      },
    });
    const key = await addKey(appHome, OPERATOR_KEY);
    const h = await loadHome(appHome);
    nodes.push({
      dir,
      appHome,
      cometHome: join(dir, 'cometbft'),
      nodeId: h.nodeKey.id,
      operator: key.key.address,
      ports,
    });
  }
  // Fund every operator in one genesis, give it to every home, and let each sign its gentx against it.
  const funded = {
    ...base,
    app_state: {
      ...(base.app_state as Record<string, any>),
      bank: {
        ...(base.app_state as Record<string, any>).bank,
        balances: nodes.map((n) => ({ address: n.operator, coins: TESTNET_FUNDS })),
      },
    },
  };
  const gentxs = join(out, 'gentxs');
  await mkdir(gentxs, { recursive: true });
  for (const [i, n] of nodes.entries()) {
    await writeJson(join(n.appHome, 'config', 'genesis.json'), funded);
    const { file } = await writeGentx(n.appHome, OPERATOR_KEY, {
      chainId: o.chainId,
      amount: TESTNET_SELF_DELEGATION,
      moniker: `node${i}`,
      nodeAddress: `127.0.0.1:${n.ports.p2p}`,
    });
    await copyFile(file, join(gentxs, `gentx-node${i}.json`));
  }
  await collectInto(nodes[0].appHome, gentxs);
  const genesis = await readJson(join(nodes[0].appHome, 'config', 'genesis.json'), 'genesis');
  for (const n of nodes) await writeCometHome(n, nodes, genesis);
  const scriptNodes = nodes.map((n, i) => ({ dir: `node${i}`, abciPort: n.ports.abci }));
  const aichain = o.aichainCmd ?? `node ${new URL('../../bin/aichain.js', import.meta.url).pathname}`;
  await writeFile(join(out, 'start-all.sh'), startAllSh(scriptNodes, aichain), { mode: 0o755 });
  await writeFile(join(out, 'stop-all.sh'), stopAllSh(scriptNodes), { mode: 0o755 });
  return nodes;
}

/** A CometBFT home beside the app home: same genesis and keys, this node's ports, every other node as a peer. */
async function writeCometHome(n: TestnetNode, all: TestnetNode[], genesis: unknown): Promise<void> {
  const h = await loadHome(n.appHome);
  await writeJson(h.paths.genesis, genesis);
  const config = join(n.cometHome, 'config'),
    data = join(n.cometHome, 'data');
  await mkdir(config, { recursive: true, mode: 0o700 });
  await mkdir(data, { recursive: true, mode: 0o700 });
  await writeJson(join(config, 'genesis.json'), genesis);
  await writeJson(join(config, 'node_key.json'), nodeKeyJson(h.nodeKey.seed), 0o600);
  await writeJson(join(config, 'priv_validator_key.json'), privValidatorKeyJson(h.privValidator.seed), 0o600);
  await writeJson(join(data, 'priv_validator_state.json'), { height: '0', round: 0, step: 0 }, 0o600);
  const peers = all
    .filter((p) => p !== n)
    .map((p) => `${p.nodeId}@127.0.0.1:${p.ports.p2p}`)
    .join(',');
  const toml = cometConfigToml({
    moniker: h.config.moniker,
    proxyApp: `tcp://127.0.0.1:${n.ports.abci}`,
    rpcLaddr: `tcp://127.0.0.1:${n.ports.rpc}`,
    p2pLaddr: `tcp://127.0.0.1:${n.ports.p2p}`,
    pprofLaddr: `127.0.0.1:${n.ports.pprof}`,
    persistentPeers: peers,
  });
  await writeFile(join(config, 'config.toml'), toml, { mode: 0o644 });
  await chmod(join(config, 'config.toml'), 0o644);
}

export async function testnetCmd(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    v: { type: 'string' },
    output: { type: 'string' }, // the directory here (this command has text output only)
    'base-port': { type: 'string' },
    'chain-id': { type: 'string' },
  });
  if (positionals[0] !== 'init' || !values.v || !values.output) throw new UsageError(USAGE);
  const nodes = await initTestnet({
    validators: Number(values.v),
    output: values.output,
    basePort: Number(values['base-port'] ?? 26600),
    chainId: values['chain-id'] ?? `aichain-testnet-${randomBytes(3).toString('hex')}`,
  });
  print(
    {
      output: resolve(values.output),
      nodes: nodes.map((n) => ({ node_id: n.nodeId, operator: n.operator, rpc: `http://127.0.0.1:${n.ports.rpc}` })),
    },
    undefined,
    (v) =>
      `wrote ${v.nodes.length} validators to ${v.output}:\n`
      + v.nodes.map((x: any, i: number) => `  node${i}  ${x.node_id}  operator ${x.operator}  RPC ${x.rpc}`).join('\n')
      + `\nstart: ${v.output}/start-all.sh (needs cometbft on PATH or $COMETBFT); stop: ${v.output}/stop-all.sh`,
  );
}
