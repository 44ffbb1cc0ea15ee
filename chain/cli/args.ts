// Command-line parsing on node:util parseArgs, with the flags every command shares.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const globalOptions = {
  home: { type: 'string' },
  node: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  return parseArgs({ args: argv, options: { ...globalOptions, ...options }, allowPositionals: true, strict: true });
}

export class UsageError extends Error {}

export const DEFAULT_NODE = 'http://127.0.0.1:26657';

/** Accepts tcp://host:port (CometBFT style) as well as http URLs. */
export function nodeUrl(flag?: string): string {
  const raw = flag ?? process.env.AICHAIN_NODE ?? DEFAULT_NODE;
  return raw.startsWith('tcp://') ? `http://${raw.slice(6)}` : raw;
}
