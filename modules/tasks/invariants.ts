// Task market invariants: the module account holds exactly what it owes, per denom (Σ escrowed fees of live tasks
// + Σ bonds of challenged ones); the stored counts by status match both the status index and the records; each
// provider's held count matches its unsettled tasks; every live task sits in exactly the queues its status needs.
import type { Invariant } from '../../chain/types/module.js';
import { TaskStatus } from '../../proto/gen/aichain/tasks/v1/types.js';
import { PROVIDER_PREFIX, toAddress } from '../../chain/types/address.js';
import { HELD, LIVE } from './keys.js';
import type { TasksKeeper } from './keeper.js';

const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);

export function tasksInvariants(k: TasksKeeper): Invariant[] {
  return [
    {
      name: 'tasks/module-account',
      check(ctx) {
        const owed = new Map<string, bigint>();
        for (const d of k.getParams(ctx).acceptedFeeDenoms) owed.set(d, 0n);
        for (const s of LIVE) {
          for (const [, id] of k.state.byStatus.keys(ctx, { prefix: [s] })) {
            const t = k.getTask(ctx, id);
            if (!t) return `status index names a missing task ${id}`;
            add(owed, t.maxFee!.denom, BigInt(t.maxFee!.amount));
            if (t.status === TaskStatus.TASK_STATUS_CHALLENGED)
              add(owed, t.challenge!.bond!.denom, BigInt(t.challenge!.bond!.amount));
          }
        }
        for (const [denom, want] of owed) {
          const held = k.moduleBalance(ctx, denom);
          if (held !== want) return `module account holds ${held}${denom} but escrows and bonds sum to ${want}${denom}`;
        }
        return undefined;
      },
    },
    {
      name: 'tasks/counts-and-indexes',
      check(ctx) {
        const byRecord = new Map<TaskStatus, bigint>();
        const heldBy = new Map<string, bigint>();
        const queued = { claim: 0, deadline: 0, settle: 0, rerun: 0, submitted: 0 };
        let max = 0n;
        for (const t of k.tasks(ctx)) {
          byRecord.set(t.status, (byRecord.get(t.status) ?? 0n) + 1n);
          if (HELD.has(t.status)) add(heldBy, t.provider, 1n);
          if (t.id > max) max = t.id;
          if (t.status === TaskStatus.TASK_STATUS_CLAIMED) queued.claim++;
          if (t.status === TaskStatus.TASK_STATUS_OPEN || t.status === TaskStatus.TASK_STATUS_CLAIMED)
            queued.deadline++;
          if (t.status === TaskStatus.TASK_STATUS_SUBMITTED) {
            queued.settle++;
            queued.submitted++;
          }
          if (t.status === TaskStatus.TASK_STATUS_CHALLENGED && !t.challenge?.byValidators) queued.rerun++;
        }
        const total = [...byRecord.values()].reduce((a, n) => a + n, 0n);
        if (BigInt(k.inputCount(ctx)) !== total) return `${k.inputCount(ctx)} stored inputs for ${total} tasks`;
        if (max > 0n && k.nextId(ctx) <= max) return `next id ${k.nextId(ctx)} is not above the highest task id ${max}`;
        for (let s = TaskStatus.TASK_STATUS_UNSPECIFIED; s <= TaskStatus.TASK_STATUS_FAILED; s++) {
          const stored = k.statusCount(ctx, s);
          const indexed = BigInt([...k.state.byStatus.keys(ctx, { prefix: [s] })].length);
          const records = byRecord.get(s) ?? 0n;
          if (stored !== indexed || stored !== records)
            return `status ${s}: count ${stored}, index ${indexed}, records ${records}`;
        }
        for (const [op, n] of k.state.held.entries(ctx)) {
          const addr = toAddress(op, PROVIDER_PREFIX);
          if (heldBy.get(addr) !== n)
            return `provider ${addr} holds ${n} by its count but ${heldBy.get(addr) ?? 0n} by the records`;
          heldBy.delete(addr);
        }
        if (heldBy.size) return `held counts missing for ${[...heldBy.keys()].join(', ')}`;
        const sizes = {
          claim: [...k.state.claimQueue.keys(ctx)].length,
          deadline: [...k.state.deadlineQueue.keys(ctx)].length,
          settle: [...k.state.settleQueue.keys(ctx)].length,
          rerun: [...k.state.rerunQueue.keys(ctx)].length,
          submitted: [...k.state.bySubmitted.keys(ctx)].length,
        };
        for (const q of ['claim', 'deadline', 'settle', 'rerun', 'submitted'] as const) {
          if (sizes[q] !== queued[q]) return `${q} queue has ${sizes[q]} entries, the records need ${queued[q]}`;
        }
        return undefined;
      },
    },
  ];
}
