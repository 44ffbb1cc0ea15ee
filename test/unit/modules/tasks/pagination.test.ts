// Paging the task indexes by creator and by provider: following next_key page by page with a small limit returns
// every task of that creator or provider exactly once, in id order, and nobody else's.
import test from 'tape';
import {
  QueryTasksByCreatorRequest,
  QueryTasksByProviderRequest,
  QueryTasksResponse,
} from '../../../../proto/gen/aichain/tasks/v1/query.js';
import type { AichainApp } from '../../../../chain/app/app.js';
import { removeDir, runBlock } from '../../../support/app-harness.js';
import { claimManyMsg, createMsg, honestResult, openMarket, provAddr, submitManyMsg, type Market } from './helpers.js';

type By = { creator: string } | { provider: string };

/** One page of an index, through the app's query path as a client sends it. */
async function page(app: AichainApp, by: By, limit: bigint, key: Uint8Array) {
  const pagination = { key, offset: 0n, limit, countTotal: false, reverse: false };
  const [path, data] =
    'creator' in by
      ? ['TasksByCreator', QueryTasksByCreatorRequest.encode({ creator: by.creator, pagination }).finish()]
      : ['TasksByProvider', QueryTasksByProviderRequest.encode({ provider: by.provider, pagination }).finish()];
  const r = await app.query({ path: `/aichain.tasks.v1.Query/${path}`, data, height: 0n, prove: false });
  if (r.code) throw new Error(`${path}: ${r.log}`);
  return QueryTasksResponse.decode(r.value);
}

/** Every id, following next_key until it is empty; also the page sizes. */
async function walk(app: AichainApp, by: By, limit: bigint) {
  const ids: bigint[] = [];
  const sizes: number[] = [];
  let key: Uint8Array = new Uint8Array();
  for (let n = 0; n < 100; n++) {
    const r = await page(app, by, limit, key);
    ids.push(...r.tasks.map((t) => t.id));
    sizes.push(r.tasks.length);
    key = r.pagination?.nextKey ?? new Uint8Array();
    if (key.length === 0) return { ids, sizes };
  }
  throw new Error('next_key never ran out');
}

/** Tasks 1–10: the creator's are 1, 2, 3, 6, 7, 8, 9 and the other account's 4, 5, 10 (interleaved by block). */
async function market(): Promise<Market> {
  const m = await openMarket();
  const { app, creator, other, sign } = m;
  const creates = (who: typeof creator, n: number) => Array.from({ length: n }, () => createMsg(who, m.modelId));
  for (const [a, b] of [
    [3, 2],
    [4, 1],
  ]) {
    const r = await runBlock(app, [
      await sign(creator, creates(creator, a), 2_000_000),
      await sign(other, creates(other, b), 2_000_000),
    ]);
    for (const x of r.txResults) if (x.code !== 0) throw new Error(`create failed: ${x.log}`);
  }
  return m;
}

test('tasks pagination: by creator, limit + next_key, every task once and in order', async (t) => {
  const m = await market();
  try {
    for (const limit of [1n, 2n, 3n, 7n, 50n]) {
      const { ids, sizes } = await walk(m.app, { creator: m.creator.address }, limit);
      t.deepEqual(ids, [1n, 2n, 3n, 6n, 7n, 8n, 9n], `creator, limit ${limit}: ids in order, each once`);
      t.ok(
        sizes.every((s) => BigInt(s) <= limit) && sizes.length <= Math.ceil(7 / Number(limit)) + 1,
        `creator, limit ${limit}: pages of at most ${limit} (${sizes.join(', ')})`,
      );
    }
    const { ids } = await walk(m.app, { creator: m.other.address }, 2n);
    t.deepEqual(ids, [4n, 5n, 10n], "the other creator's tasks, paged, are its own only");
  } finally {
    await m.t.close();
    removeDir(m.t.dir);
  }
});

test('tasks pagination: by provider, limit + next_key, every claimed task once and in order', async (t) => {
  const m = await market();
  const { app, provider, sign } = m;
  try {
    // The claim limit is 5: claim and submit five, let them settle, then claim three more.
    const first = [1n, 2n, 4n, 6n, 7n];
    const honest = await honestResult(m.modelBytes);
    await runBlock(app, [await sign(provider, claimManyMsg(provider, first), 2_000_000)]);
    const sub = await runBlock(app, [
      await sign(
        provider,
        submitManyMsg(
          provider,
          first.map((taskId) => ({ taskId, result: honest })),
        ),
        2_000_000,
      ),
    ]);
    t.equal(sub.txResults[0].code, 0, `five claimed and submitted (${sub.txResults[0].log})`);
    for (let i = 0; i < 4; i++) await runBlock(app, []); // past the 3-block challenge window: settled
    const more = await runBlock(app, [await sign(provider, claimManyMsg(provider, [3n, 8n, 10n]), 2_000_000)]);
    t.equal(more.txResults[0].code, 0, `three more claimed once the first settled (${more.txResults[0].log})`);
    const want = [1n, 2n, 3n, 4n, 6n, 7n, 8n, 10n];
    for (const limit of [1n, 3n, 8n, 100n]) {
      const { ids, sizes } = await walk(app, { provider: provAddr(provider) }, limit);
      t.deepEqual(ids, want, `provider, limit ${limit}: settled and claimed tasks in id order, each once`);
      t.ok(
        sizes.every((s) => BigInt(s) <= limit),
        `provider, limit ${limit}: pages of at most ${limit} (${sizes.join(', ')})`,
      );
    }
    const unclaimed = await walk(app, { provider: provAddr(m.other) }, 2n);
    t.deepEqual(unclaimed.ids, [], 'an account that claimed nothing has no tasks');
  } finally {
    await m.t.close();
    removeDir(m.t.dir);
  }
});
