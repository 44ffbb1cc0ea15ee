// `aichain query verify …`: what the validators found when they re-ran a task (its record), the queue they run next,
// a validator's inference faults, a provider's sampling rate, the params.
import { QueryClient } from '@cosmjs/stargate';
import { connectComet } from '@cosmjs/tendermint-rpc';
import { setupVerifyExtension, type VerifyExtension } from '../client/index.js';
import type { QueueEntry, Record as VerificationRecord } from '../../proto/gen/aichain/verify/v1/types.js';
import { nodeUrl, parse, UsageError } from './args.js';
import { print } from './output.js';
import { parseTaskId } from './tasks.js';

const QUERY_USAGE = `usage:
  aichain query verify record TASK_ID | queue | faults VALIDATOR_HEX | provider AIPROV | params
  (VALIDATOR_HEX: a consensus address, 40 hex characters, as a record's reports show it)`;

export type VerifyRequest =
  | { what: 'record'; taskId: bigint }
  | { what: 'queue' }
  | { what: 'faults'; validator: string }
  | { what: 'provider'; provider: string }
  | { what: 'params' };

/** The positionals after `query verify`, checked before any connection is made. */
export function parseVerifyQuery(positionals: string[]): VerifyRequest {
  const [what, arg, ...extra] = positionals;
  const one = (ok: boolean) => {
    if (!ok || extra.length) throw new UsageError(QUERY_USAGE);
  };
  if (what === 'record') {
    one(arg !== undefined);
    return { what, taskId: parseTaskId(arg) };
  }
  if (what === 'faults') {
    one(arg !== undefined);
    if (!/^[0-9a-fA-F]{40}$/.test(arg)) throw new UsageError('VALIDATOR_HEX: 40 hex characters (a consensus address)');
    return { what, validator: arg.toUpperCase() };
  }
  if (what === 'provider') {
    one(arg !== undefined);
    if (!arg.startsWith('aiprov1')) throw new UsageError('AIPROV: a provider address (aiprov1…)');
    return { what, provider: arg };
  }
  if (what === 'queue' || what === 'params') {
    one(arg === undefined);
    return { what };
  }
  throw new UsageError(QUERY_USAGE);
}

export function recordView(r: VerificationRecord) {
  return {
    task_id: String(r.taskId),
    height: String(r.height),
    verdict: r.verdict,
    consensus_values: r.consensusValues.map(String),
    consensus_error: r.consensusError,
    reason: r.reason,
    reported_power: String(r.reportedPower),
    total_power: String(r.totalPower),
    reports: r.reports.map((x) => ({
      validator: x.validator,
      power: String(x.power),
      agreed: x.agreed,
      error_code: x.errorCode,
    })),
  };
}
export type RecordView = ReturnType<typeof recordView>;

export function recordText(v: RecordView): string {
  const lines = [
    `task ${v.task_id}: ${v.verdict} at height ${v.height} (${v.reported_power} of ${v.total_power} power reported)`,
  ];
  if (v.consensus_error) lines.push(`  consensus error: ${v.consensus_error}`);
  else lines.push(`  consensus output: ${v.consensus_values.join(', ')}`);
  if (v.reason) lines.push(`  reason: ${v.reason}`);
  for (const r of v.reports)
    lines.push(
      `  ${r.validator} power ${r.power}: ${r.agreed ? 'agreed' : 'disagreed'}${r.error_code ? ` (${r.error_code})` : ''}`,
    );
  return lines.join('\n');
}

export const queueView = (entries: QueueEntry[]) =>
  entries.map((e) => ({
    task_id: String(e.taskId),
    height: String(e.height),
    flops: String(e.flops),
    output_values: e.outputValues,
    attempts: e.attempts,
  }));

export const queueText = (v: ReturnType<typeof queueView>) =>
  v.map((e) => `task ${e.task_id} queued at ${e.height}, ${e.flops} FLOPs, attempts ${e.attempts}`).join('\n')
  || '(empty)';

/** The answer to one request, as printed: a plain JSON-ready view and, where it helps, a text form. */
async function answer(q: VerifyExtension['verify'], r: VerifyRequest): Promise<[unknown, ((v: any) => string)?]> {
  switch (r.what) {
    case 'record':
      return [recordView(await q.record(r.taskId)), recordText];
    case 'queue':
      return [queueView(await q.queue()), queueText];
    case 'faults': {
      const f = await q.validatorFaults(r.validator);
      const faults = f.taskIds.map((id, i) => ({ task_id: String(id), height: String(f.heights[i]) }));
      return [{ validator: r.validator, faults }];
    }
    case 'provider': {
      const p = await q.provider(r.provider);
      return [
        {
          provider: r.provider,
          verified: String(p.record.verified),
          last_fault_height: String(p.record.lastFaultHeight),
          sample_rate_bps: p.sampleRateBps,
        },
      ];
    }
    case 'params':
      return [await q.params()];
  }
}

export async function verifyQuery(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {});
  const req = parseVerifyQuery(positionals);
  const comet = await connectComet(nodeUrl(values.node));
  try {
    const [view, text] = await answer(QueryClient.withExtensions(comet, setupVerifyExtension).verify, req);
    print(view, values.output ?? (text ? 'text' : undefined), text);
  } finally {
    comet.disconnect();
  }
}
