// Block times: protobuf Timestamps in state, RFC3339 with nanoseconds (trailing zeros trimmed) on the RPC, as Go's
// time.RFC3339Nano prints them. The dev node's clock is wall time forced strictly increasing (see producer.ts).
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';

/** Nanoseconds since the Unix epoch. */
export const toNanos = (t: Timestamp): bigint => t.seconds * 1_000_000_000n + BigInt(t.nanos);
export const fromNanos = (ns: bigint): Timestamp => {
  const seconds = ns / 1_000_000_000n;
  return { seconds, nanos: Number(ns - seconds * 1_000_000_000n) };
};

export function formatRfc3339Nano(t: Timestamp): string {
  const base = new Date(Number(t.seconds) * 1000).toISOString().slice(0, 19);
  if (!t.nanos) return `${base}Z`;
  return `${base}.${String(t.nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
}

/** Parses RFC3339 with up to 9 fractional digits; throws on anything else. */
export function parseRfc3339(s: string): Timestamp {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) throw new Error(`invalid RFC3339 time: ${JSON.stringify(s)}`);
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) throw new Error(`invalid RFC3339 time: ${JSON.stringify(s)}`);
  return { seconds: BigInt(ms / 1000), nanos: m[2] ? Number(m[2].padEnd(9, '0')) : 0 };
}

/** The wall clock in nanoseconds. Only the dev node's block proposer reads it, never the state machine. */
export const wallClockNanos = (): bigint => BigInt(Date.now()) * 1_000_000n; // allow-nondeterminism
