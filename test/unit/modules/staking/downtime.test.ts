import test from 'tape';
import {
  QuerySigningInfoRequest,
  QuerySigningInfoResponse,
  QuerySlashHistoryRequest,
  QuerySlashHistoryResponse,
  QueryValidatorRequest,
  QueryValidatorResponse,
} from '../../../../proto/gen/aichain/staking/v1/query.js';
import type { AichainApp } from '../../../../chain/app/app.js';
import { devAccounts, GENESIS_TIME, initChain, openApp, removeDir } from '../../../support/app-harness.js';
import {
  consKey,
  createValidatorMsg,
  query,
  runBlockWith,
  signer,
  stakingAppState,
  unjailMsg,
  valoperOf,
  vote,
} from './helpers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const validatorOf = async (app: AichainApp, val: string) =>
  (await query(app, 'Validator', QueryValidatorRequest, { validatorAddress: val }, QueryValidatorResponse)).validator!;
const infoOf = async (app: AichainApp, val: string) =>
  (await query(app, 'SigningInfo', QuerySigningInfoRequest, { validatorAddress: val }, QuerySigningInfoResponse))
    .signingInfo!;
const codes = (r: { txResults: Array<{ codespace: string; code: number }> }) =>
  r.txResults.map((x) => `${x.codespace}:${x.code}`);

test('downtime: missing too many blocks of the window slashes and jails; unjail fails before the jail ends and works after', async (t) => {
  const accs = await devAccounts(4);
  const [a, b, c] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(
    app,
    stakingAppState(accs, {
      unbonding_time: '1000',
      signed_blocks_window: '10',
      min_signed_per_window: '0.5',
      downtime_jail_duration: '20',
      slash_fraction_downtime: '0.01',
    }),
  );
  await runBlockWith(app, [], {});
  const sign = signer(app);
  const va = valoperOf(a),
    vc = valoperOf(c);
  // c promises exactly its self-delegation, so any slash leaves it below its minimum.
  await runBlockWith(
    app,
    [
      await sign(a, createValidatorMsg(a, consKey(1), 5_000_000n)),
      await sign(b, createValidatorMsg(b, consKey(2), 5_000_000n)),
      await sign(c, createValidatorMsg(c, consKey(3), 3_000_000n, { minSelfDelegation: '3000000' })),
    ],
    {},
  );
  const votes = () => [vote(consKey(1), false), vote(consKey(2), true), vote(consKey(3), false)];

  const start = app.store.version + 1n; // first height the validators' votes are counted
  let res = await runBlockWith(app, [], { votes: votes() });
  t.ok(
    res.events.some((e) => e.type === 'liveness'),
    'a missed block emits a liveness event',
  );
  t.equal((await infoOf(app, va)).startHeight, start, 'signing info starts at the first counted block');
  while (app.store.version < start + 10n) res = await runBlockWith(app, [], { votes: votes() });
  t.notOk(
    res.events.some((e) => e.type === 'slash'),
    'nothing happens before a full window has passed',
  );
  t.equal((await infoOf(app, va)).missedBlocksCounter, 10n, 'the counter holds the whole window (bit array wraps)');
  t.equal((await infoOf(app, valoperOf(b))).missedBlocksCounter, 0n, 'b signed everything');

  res = await runBlockWith(app, [], { votes: votes() });
  const jailedAt = app.store.version;
  const slashes = res.events
    .filter((e) => e.type === 'slash')
    .map((e) => Object.fromEntries(e.attributes.map((x) => [x.key, x.value])));
  t.deepEqual(
    slashes.map((s) => [s.validator, s.reason, s.burned, s.infraction_height]),
    [
      [va, 'downtime', '50000uaic', String(jailedAt - 2n)],
      [vc, 'downtime', '30000uaic', String(jailedAt - 2n)],
    ],
    'after the window, a and c are slashed 1% for downtime (dated two blocks back)',
  );
  t.deepEqual(
    res.validatorUpdates.map((u) => `${u.pubKey.ed25519![0]}:${u.power}`).sort(),
    ['1:0', '3:0'],
    'and leave the active set',
  );
  const ia = await infoOf(app, va);
  t.deepEqual(
    [ia.jailedUntil, ia.missedBlocksCounter, ia.indexOffset, ia.tombstoned],
    [GENESIS_TIME.seconds + jailedAt + 20n, 0n, 0n, false],
    'jailed until block time + 20 s; the window is reset; not tombstoned',
  );
  t.ok((await validatorOf(app, va)).jailed, 'a is jailed');
  t.equal((await validatorOf(app, va)).tokens, '4950000', 'a lost 1% of its tokens');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');

  res = await runBlockWith(app, [await sign(a, unjailMsg(a)), await sign(b, unjailMsg(b))], { votes: votes() });
  t.deepEqual(
    codes(res),
    ['staking:25', 'staking:23'],
    'unjail fails before the jail ends, and for a validator that is not jailed',
  );
  while (app.store.version < jailedAt + 18n) await runBlockWith(app, [], { votes: votes() });
  res = await runBlockWith(app, [await sign(a, unjailMsg(a))], { votes: votes() });
  t.deepEqual(codes(res), ['staking:25'], 'one second before the jail ends unjail still fails');
  res = await runBlockWith(app, [await sign(a, unjailMsg(a)), await sign(c, unjailMsg(c))], { votes: votes() });
  t.deepEqual(
    codes(res),
    [':0', 'staking:8'],
    'at the jail end a unjails; c cannot, its self-delegation is below its minimum',
  );
  t.deepEqual(
    res.validatorUpdates.map((u) => `${u.pubKey.ed25519![0]}:${u.power}`),
    ['1:4'],
    'a is back in the active set',
  );
  t.notOk((await validatorOf(app, va)).jailed, 'a is no longer jailed');
  const unjailedAt = app.store.version;

  await runBlockWith(app, [], { votes: votes() });
  await runBlockWith(app, [], { votes: votes() });
  const after = await infoOf(app, va);
  t.deepEqual(
    [after.startHeight, after.missedBlocksCounter],
    [unjailedAt, 2n],
    'a starts a fresh window and its new misses count',
  );
  const hist = await query(
    app,
    'SlashHistory',
    QuerySlashHistoryRequest,
    {
      validatorAddress: '',
      pagination: { key: new Uint8Array(), offset: 0n, limit: 1n, countTotal: true, reverse: false },
    },
    QuerySlashHistoryResponse,
  );
  t.deepEqual(
    [hist.slashes.length, hist.pagination!.total, hist.pagination!.nextKey.length > 0],
    [1, 2n, true],
    'slash history pages over all validators',
  );
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');

  // Export -> import keeps jail state, signing infos with their missed bits, and history: same app hash.
  const exported = app.exportAppState() as {
    staking: unknown;
    slashing: { signing_infos: unknown[]; slash_history: unknown[] };
  };
  const meta = app.exportChainMeta();
  t.equal(exported.slashing.signing_infos.length, 3, 'three signing infos are exported');
  const tb = await openApp();
  const init = await initChain(tb.app, exported, {
    validators: meta.validators.map((v) => ({ pub: v.pubKey, power: v.power })),
  });
  t.equal(hex(init.appHash), hex(app.store.root), 'InitChain from the export has the exporting app hash');
  await runBlockWith(tb.app, [], {});
  t.deepEqual(
    (tb.app.exportAppState() as typeof exported).staking,
    exported.staking,
    'and exports the same staking state again',
  );
  for (const x of [ta, tb]) {
    await x.close();
    removeDir(x.dir);
  }
});
