// `aichain start`: the dev node (default: one validator, CometBFT's part played in-process, JSON-RPC on 26657), or
// with --abci ADDR the ABCI++ socket server for a real CometBFT v0.38 node. On an empty home, it first initialises
// the home from the repo's dev genesis.json.
import { createLogger, type LogLevel } from '../logger.js';
import { loadHome, resolveHome, homePaths } from '../home/index.js';
import { openAppAtHome } from '../app/open.js';
import { DevNode } from '../node/node.js';
import { AbciServer } from '../abci/server.js';
import { parse, UsageError } from './args.js';
import { ensureDevHome } from './init.js';

export function parseDuration(s: string): number {
  const m = /^(\d+)(ms|s|m)?$/.exec(s.trim());
  if (!m) throw new UsageError(`invalid duration ${JSON.stringify(s)} (use e.g. 1s, 500ms)`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n * 1000;
}

export async function start(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    abci: { type: 'string' },
    'block-time': { type: 'string' },
    'rpc.laddr': { type: 'string' },
    moniker: { type: 'string' },
  });
  const home = resolveHome(values.home);
  const created = await ensureDevHome(home);
  const loaded = await loadHome(home);
  const cfg = loaded.config;
  const level = (values['log-level'] ?? cfg.logLevel) as LogLevel;
  const log = createLogger(level, { service: 'aichain' });
  if (created)
    log.info('initialised a new dev home from the repo genesis.json', {
      home,
      keys: 'dev0..dev4 (unencrypted test keyring)',
    });
  const app = await openAppAtHome(homePaths(home).data, cfg, log);

  let stop: () => Promise<void> = async () => {};
  let closing = false;
  async function shutdown() {
    if (closing) return;
    closing = true;
    log.info('shutting down');
    try {
      await stop();
      await app.close();
    } catch (e) {
      log.error('shutdown failed', { error: String(e) });
      process.exitCode = 1;
    }
    process.exit();
  }
  // A process that serves nothing must not look alive to its supervisor (CometBFT, systemd): any fatal error, at
  // start or later, closes the store and exits non-zero.
  process.on('uncaughtException', (e) => {
    log.error('fatal error', { error: String(e?.stack ?? e) });
    process.exitCode = 1;
    void shutdown();
  });
  process.on('unhandledRejection', (e) => {
    log.error('fatal error (unhandled rejection)', { error: String((e as Error)?.stack ?? e) });
    process.exitCode = 1;
    void shutdown();
  });
  const startFailed = async (e: unknown): Promise<never> => {
    closing = true;
    await app.close().catch(() => {});
    throw e;
  };
  if (values.abci) {
    const server = new AbciServer(app, { logger: log.child({ module: 'abci' }) });
    const addr = await server.listen(values.abci).catch(startFailed);
    log.info('serving ABCI++ for CometBFT', { laddr: values.abci, port: addr.port, chainId: loaded.genesis.chain_id });
    stop = async () => {
      await server.close();
    };
  } else {
    const node = await DevNode.start({
      app,
      genesis: loaded.paths.genesis,
      dataDir: loaded.paths.data,
      privValidator: { seed: loaded.privValidator.seed, pubKey: loaded.privValidator.pubKey },
      nodeId: loaded.nodeKey.id,
      moniker: values.moniker ?? cfg.moniker,
      blockTimeMs: values['block-time'] ? parseDuration(values['block-time']) : cfg.blockTimeMs,
      rpcLaddr: values['rpc.laddr'] ?? cfg.rpcLaddr,
      logger: log.child({ module: 'node' }),
      onFatal: (err) => {
        log.error('block production halted', { error: err.message });
        process.exitCode = 1;
        void shutdown();
      },
    }).catch(startFailed);
    log.info('dev node running', {
      rpc: `http://127.0.0.1:${node.rpcPort}`,
      chainId: node.genesis.chainId,
      height: String(node.height),
    });
    stop = async () => {
      await node.stop();
    };
  }

  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}
