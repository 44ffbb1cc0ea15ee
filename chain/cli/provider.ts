// `aichain provider run --from KEY …`: the compute provider daemon (chain/provider/). KEY is the provider's operator
// key in the home's keyring (the dev home's `dev1` runs the dev genesis provider). Logs are JSON lines on stderr;
// SIGTERM or SIGINT stops claiming, submits what is claimed (bounded wait) and exits 0.
import { createLogger, type LogLevel } from '../logger.js';
import { resolveHome } from '../home/index.js';
import { getWallet } from '../home/keyring.js';
import { parseAddress, PROVIDER_PREFIX, toAddress } from '../types/address.js';
import { OnnxRunner } from '../../native/onnx/runner.js';
import { isEngineKind } from '../../native/onnx/engine.js';
import { ChainView } from '../provider/watcher.js';
import { TxSender } from '../provider/submitter.js';
import { Worker } from '../provider/worker.js';
import { ProviderConfigError, ProviderDaemon } from '../provider/daemon.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { parseDuration } from './start.js';

const USAGE = `usage: aichain provider run --from KEY [--models ID,ID…] [--max-inflight N] [--engine consensus|native]
                            [--poll 500ms] [--progress 10s] [--drain 20s]
  --from: the provider's operator key (its ai1… account) in the home's keyring
  --models: only these of the models the provider serves (default: all of them)
  --max-inflight: the most tasks claimed and not yet submitted (default 16; the claim limit also applies)
  --engine: consensus (default; required for models whose rule is exact) or native (faster; argmax/tolerance only)
  --poll: how often to look for a new block; --progress: how often to log counters; --drain: how long a stop may
          take to submit what is claimed`;

export async function provider(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    from: { type: 'string' },
    models: { type: 'string' },
    'max-inflight': { type: 'string' },
    engine: { type: 'string' },
    poll: { type: 'string' },
    progress: { type: 'string' },
    drain: { type: 'string' },
  });
  if (positionals[0] !== 'run' || positionals.length > 1 || !values.from) throw new UsageError(USAGE);
  const engine = values.engine ?? 'consensus';
  if (!isEngineKind(engine)) throw new UsageError(`--engine must be consensus or native\n${USAGE}`);
  const maxInflight = Number(values['max-inflight'] ?? 16);
  if (!Number.isSafeInteger(maxInflight) || maxInflight < 1)
    throw new UsageError(`--max-inflight must be a positive integer\n${USAGE}`);
  const models = values.models?.split(',').map((m) => m.trim().toLowerCase());
  if (models?.some((m) => !/^[0-9a-f]{64}$/.test(m)))
    throw new UsageError(`--models takes model ids (64 hex characters), comma-separated\n${USAGE}`);
  const pollMs = parseDuration(values.poll ?? '500ms');
  const progressMs = parseDuration(values.progress ?? '10s');
  const drainMs = parseDuration(values.drain ?? '20s');

  const log = createLogger((values['log-level'] ?? 'info') as LogLevel, { service: 'provider' });
  const wallet = await getWallet(resolveHome(values.home), values.from);
  const [{ address }] = await wallet.getAccounts();
  const url = nodeUrl(values.node);
  const provAddr = toAddress(parseAddress(address), PROVIDER_PREFIX);
  // A broken ONNX runtime stops here, as does an unreachable node.
  const [runner, view, sender] = await Promise.all([
    OnnxRunner.create({ engine, logger: log.child({ module: 'onnx' }) }),
    ChainView.connect(url, provAddr),
    TxSender.connect(url, wallet, pollMs),
  ]);
  const daemon = new ProviderDaemon(view, sender, new Worker(runner, view.q), log, {
    models,
    maxInflight,
    pollMs,
    progressMs,
    drainMs,
  });
  try {
    await daemon.prepare();
  } catch (e) {
    await runner.close();
    view.disconnect();
    sender.disconnect();
    if (e instanceof ProviderConfigError) throw new UsageError(`error: ${e.message}`);
    throw e;
  }
  process.on('SIGTERM', () => daemon.stop());
  process.on('SIGINT', () => daemon.stop());
  const drained = await daemon.run();
  await runner.close();
  view.disconnect();
  sender.disconnect();
  if (!drained) process.exitCode = 1;
  log.info('provider daemon stopped', { drained });
}
