// Structured logs: one JSON object per line on stderr, filtered by level (--log-level).
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'none';
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, none: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const replacer = (_k: string, v: unknown) =>
  typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v;

export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Logger {
  const min = rank[level];
  const emit = (lvl: Exclude<LogLevel, 'none'>, msg: string, fields?: Record<string, unknown>) => {
    if (rank[lvl] < min) return;
    // Wall-clock time in logs only; never in state. allow-nondeterminism
    write(JSON.stringify({ level: lvl, time: new Date().toISOString(), msg, ...base, ...fields }, replacer));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (f) => createLogger(level, { ...base, ...f }, write),
  };
}

export const silentLogger: Logger = createLogger('none');
