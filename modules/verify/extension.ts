// The vote extension's wire format: aichain.verify.v1.VoteExtension (version 1), reports in ascending task id order,
// each a canonical output (sint64 values) or an error code. The empty byte string is a valid extension (no reports).
//
// Two checks, deliberately lenient (an extension our own ExtendVote made must always pass them, or the chain halts):
//   formProblem   — no state: decodes, version 1, ids strictly ascending, not values and an error together, a short
//                   printable error code. ProcessProposal uses this one: by then the queue has moved on a block.
//   queuedProblem — VerifyVoteExtension adds: every id is a queued task (the queue in the committed state both the
//                   extension's author and the verifier see at that height), at most max_output_values values.
import { VoteExtension, type Report } from '../../proto/gen/aichain/verify/v1/types.js';

export const EXTENSION_VERSION = 1;
export const MAX_ERROR_CODE = 64;
export const VALUE_OUT_OF_RANGE = 'VALUE_OUT_OF_RANGE';
const I64_MIN = -(2n ** 63n),
  I64_MAX = 2n ** 63n - 1n;

export const fitsI64 = (v: bigint) => v >= I64_MIN && v <= I64_MAX;

/** A report of one run: the values, or the error (a value that does not fit 64 bits is an error report). */
export function reportOf(
  taskId: bigint,
  out: { ok: true; values: readonly bigint[] } | { ok: false; code: string },
): Report {
  if (!out.ok) return { taskId, values: [], errorCode: out.code.slice(0, MAX_ERROR_CODE) || 'ERROR' };
  if (!out.values.every(fitsI64)) return { taskId, values: [], errorCode: VALUE_OUT_OF_RANGE };
  return { taskId, values: [...out.values], errorCode: '' };
}

export function encodeExtension(reports: Report[]): Uint8Array {
  if (reports.length === 0) return new Uint8Array();
  const sorted = [...reports].sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
  return VoteExtension.encode({ version: EXTENSION_VERSION, reports: sorted }).finish();
}

/**
 * The largest prefix of `reports` (in id order) whose encoding fits `maxBytes`: a validator reports what fits.
 * PERF: one encode per report on the rare oversize path; the usual path encodes once.
 */
export function encodeWithin(reports: Report[], maxBytes: bigint): Uint8Array {
  let n = reports.length;
  let bytes = encodeExtension(reports);
  while (BigInt(bytes.length) > maxBytes && n > 0) bytes = encodeExtension(reports.slice(0, --n));
  return bytes;
}

const printable = /^[A-Za-z0-9_.:-]*$/;

/** Decodes an extension that passes the form check; undefined otherwise. */
export function decodeExtension(ext: Uint8Array): { reports: Report[] } | undefined {
  if (ext.length === 0) return { reports: [] };
  let e: VoteExtension;
  try {
    e = VoteExtension.decode(ext);
  } catch {
    return undefined;
  }
  return formProblemOf(e) === undefined ? { reports: e.reports } : undefined;
}

function formProblemOf(e: VoteExtension): string | undefined {
  if (e.version !== EXTENSION_VERSION) return `version ${e.version}`;
  for (let i = 0; i < e.reports.length; i++) {
    const r = e.reports[i];
    if (i > 0 && r.taskId <= e.reports[i - 1].taskId) return 'task ids not strictly ascending';
    if (r.errorCode && r.values.length) return `task ${r.taskId}: values and an error`;
    if (r.errorCode.length > MAX_ERROR_CODE || !printable.test(r.errorCode)) return `task ${r.taskId}: bad error code`;
  }
  return undefined;
}

/** Form only (no state): the reason an extension is malformed, or undefined. */
export function formProblem(ext: Uint8Array, maxBytes: bigint): string | undefined {
  if (BigInt(ext.length) > maxBytes) return `extension of ${ext.length} bytes above ${maxBytes}`;
  if (ext.length === 0) return undefined;
  let e: VoteExtension;
  try {
    e = VoteExtension.decode(ext);
  } catch {
    return 'does not decode';
  }
  return formProblemOf(e);
}

/** Form, and every report names a queued task with at most `maxValues` values. */
export function queuedProblem(
  ext: Uint8Array,
  maxBytes: bigint,
  maxValues: number,
  isQueued: (id: bigint) => boolean,
): string | undefined {
  const p = formProblem(ext, maxBytes);
  if (p || ext.length === 0) return p;
  for (const r of VoteExtension.decode(ext).reports) {
    if (!isQueued(r.taskId)) return `task ${r.taskId} is not queued`;
    if (r.values.length > maxValues) return `task ${r.taskId}: ${r.values.length} values above ${maxValues}`;
  }
  return undefined;
}

/** A generous upper bound on a report's encoded size (10 bytes per value, a 64-character error code, tags). */
export const reportBytesBound = (values: number) => 32 + 10 * values + MAX_ERROR_CODE;
