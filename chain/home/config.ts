// config/app.json: this node's local settings (not consensus: every field may differ between validators).
import type { LogLevel } from '../logger.js';
import { HomeError } from './errors.js';
import { isObject } from './files.js';

export interface AppConfig {
  /** Name shown in `status`. */
  moniker: string;
  /** Dev node: milliseconds between blocks. */
  blockTimeMs: number;
  /** JSON-RPC listen address (CometBFT's default port). */
  rpcLaddr: string;
  /** ABCI socket listen address, for `aichain start --abci` behind a real CometBFT. */
  abciLaddr: string;
  logLevel: LogLevel;
  /** Keep at least this many past state versions for historical queries; 0 keeps all. */
  minRetainVersions: number;
  /** Signature verification threads; 0 = os.availableParallelism(). */
  verifyWorkers: number;
  /** Entries in the CheckTx → FinalizeBlock verified-signature cache. */
  sigCacheSize: number;
  /** ExtendVote's time for verification inference, in ms; what is not run by then is not reported this height. */
  extendVoteBudgetMs: number;
}

export const defaultAppConfig: Readonly<AppConfig> = Object.freeze({
  moniker: 'aichain-node',
  blockTimeMs: 1000,
  rpcLaddr: 'tcp://127.0.0.1:26657',
  abciLaddr: 'tcp://127.0.0.1:26658',
  logLevel: 'info',
  minRetainVersions: 0,
  verifyWorkers: 0,
  sigCacheSize: 10_000,
  extendVoteBudgetMs: 1000,
});

const LOG_LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error', 'none'];
const nonNegInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const laddr = (v: unknown) => typeof v === 'string' && /^(tcp:\/\/)?[^\s:]*:\d{1,5}$/.test(v);

const rules: { [K in keyof AppConfig]: [(v: unknown) => boolean, string] } = {
  moniker: [
    (v) => typeof v === 'string' && v.length > 0 && v.length <= 64,
    'a non-empty string of at most 64 characters',
  ],
  blockTimeMs: [(v) => nonNegInt(v) && (v as number) >= 10, 'an integer ≥ 10'],
  rpcLaddr: [laddr, 'an address like tcp://127.0.0.1:26657'],
  abciLaddr: [laddr, 'an address like tcp://127.0.0.1:26658'],
  logLevel: [(v) => typeof v === 'string' && LOG_LEVELS.includes(v), `one of ${LOG_LEVELS.join(', ')}`],
  minRetainVersions: [nonNegInt, 'a non-negative integer'],
  verifyWorkers: [nonNegInt, 'a non-negative integer'],
  sigCacheSize: [(v) => nonNegInt(v) && (v as number) >= 1, 'a positive integer'],
  extendVoteBudgetMs: [(v) => nonNegInt(v) && (v as number) >= 1, 'a positive integer (milliseconds)'],
};

/** Defaults overlaid with `raw`; unknown keys are rejected so a typo does not silently do nothing. */
export function parseAppConfig(raw: unknown, path = 'app.json'): AppConfig {
  if (!isObject(raw)) throw new HomeError('BAD_CONFIG', `${path}: must be a JSON object`, path);
  const out: Record<string, unknown> = { ...defaultAppConfig };
  for (const [k, v] of Object.entries(raw)) {
    const rule = rules[k as keyof AppConfig];
    if (!rule)
      throw new HomeError(
        'BAD_CONFIG',
        `${path}: unknown setting "${k}" (known: ${Object.keys(rules).join(', ')})`,
        path,
      );
    if (!rule[0](v))
      throw new HomeError('BAD_CONFIG', `${path}: "${k}" must be ${rule[1]}, got ${JSON.stringify(v)}`, path);
    out[k] = v;
  }
  return out as unknown as AppConfig;
}
