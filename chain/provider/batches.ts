// Grouping the tasks to run: one runBatch per model (a model's tasks share a session and, when the model has a batch
// dimension, one session.run), in chunks so one message never exceeds the market's max_batch.
import type { Task } from '../../proto/gen/aichain/tasks/v1/types.js';

/** Tasks by model id, each list in id order; models in order of their first task. */
export function groupByModel(tasks: readonly Task[]): Map<string, Task[]> {
  const out = new Map<string, Task[]>();
  for (const t of [...tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const list = out.get(t.modelId);
    if (list) list.push(t);
    else out.set(t.modelId, [t]);
  }
  return out;
}

/** `items` in consecutive chunks of at most `size` (size ≥ 1). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`chunk size ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
