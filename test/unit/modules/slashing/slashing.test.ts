// The slashing module on its own: params validation, its genesis section (and the fields that moved into it refused
// where they were), jail and unjail by MsgUnjail through the downtime window and double-sign evidence, and
// export -> import with slashing state giving the same app hash.
import test from 'tape';
import { CodedError } from '../../../../chain/types/errors.js';
import { defaultParams, validateParams } from '../../../../modules/slashing/params.js';
import { QueryParamsResponse } from '../../../../proto/gen/aichain/slashing/v1/query.js';
import { devAccounts, initChain, openApp, removeDir } from '../../../support/app-harness.js';
import {
  consKey,
  createValidatorMsg,
  duplicateVote,
  runBlockWith,
  signer,
  stakingAppState,
  unjailMsg,
  valoperOf,
  vote,
} from '../staking/helpers.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof CodedError ? `${e.codespace}:${e.code}` : String(e);
  }
};
const codes = (r: { txResults: Array<{ codespace: string; code: number }> }) =>
  r.txResults.map((x) => `${x.codespace}:${x.code}`);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test("slashing params: every field is validated with slashing's coded error naming it", (t) => {
  const ok = defaultParams();
  t.equal(
    codeOf(() => validateParams(ok)),
    'no error',
    'the defaults are valid',
  );
  for (const [what, p, field] of [
    ['window below 10', { ...ok, signedBlocksWindow: 9n }, 'signed_blocks_window'],
    ['min signed not a decimal', { ...ok, minSignedPerWindow: 'half' }, 'min_signed_per_window'],
    ['zero jail duration', { ...ok, downtimeJailDuration: 0n }, 'downtime_jail_duration'],
    ['double-sign fraction above 1', { ...ok, slashFractionDoubleSign: '1.5' }, 'slash_fraction_double_sign'],
    ['downtime fraction negative', { ...ok, slashFractionDowntime: '-0.1' }, 'slash_fraction_downtime'],
  ] as const) {
    t.equal(
      codeOf(() => validateParams(p)),
      'slashing:2',
      `${what}: slashing:2`,
    );
    t.throws(() => validateParams(p), new RegExp(field), `${what}: the error names ${field}`);
  }
  t.end();
});

test('slashing genesis: moved fields are refused naming their new place; bad fields are named', async (t) => {
  const accs = await devAccounts(2);
  const cases: Array<[string, (s: any) => void, RegExp]> = [
    [
      'signing infos under staking',
      (s) => {
        s.staking.signing_infos = [];
      },
      /signing_infos: moved to app_state\.slashing\.signing_infos/,
    ],
    [
      'slash history under staking',
      (s) => {
        s.staking.slash_history = [];
      },
      /slash_history: moved to app_state\.slashing\.slash_history/,
    ],
    [
      'a liveness param under staking',
      (s) => {
        s.staking.params.signed_blocks_window = '10';
      },
      /params\.signed_blocks_window: moved to app_state\.slashing\.params\.signed_blocks_window/,
    ],
    [
      'inflation under distribution',
      (s) => {
        s.distribution = { params: { inflation_rate: '0.1' } };
      },
      /params\.inflation_rate: moved to app_state\.mint\.params\.inflation_rate/,
    ],
    [
      'a window below 10',
      (s) => {
        s.slashing.params.signed_blocks_window = '9';
      },
      /params: signed_blocks_window out of range.*invalid slashing genesis/,
    ],
    [
      'a signing info address that is not hex',
      (s) => {
        s.slashing.signing_infos = [{ info: { address: 'zz' }, missed_indexes: [] }];
      },
      /signing_infos\[0\]\.info\.address/,
    ],
    [
      'a missed index outside the window',
      (s) => {
        s.slashing.signing_infos = [
          { info: { address: '11'.repeat(20), missed_blocks_counter: '1' }, missed_indexes: ['100'] },
        ];
      },
      /signing_infos\[0\]\.missed_indexes\[0\]: must be in 0\.\.99/,
    ],
    [
      'a signing info of no validator',
      (s) => {
        s.slashing.signing_infos = [{ info: { address: '11'.repeat(20) }, missed_indexes: [] }];
      },
      /signing_infos\[0\]\.info\.address: no validator has consensus address/,
    ],
    [
      'a slash record naming no target',
      (s) => {
        s.slashing.slash_history = [{ id: '0', validator_address: 'nope', fraction: '0.1', reason: 'x', burned: '0' }];
      },
      /slash_history\[0\]\.validator_address/,
    ],
    [
      'an inflation rate above 1',
      (s) => {
        s.mint = { params: { inflation_rate: '1.5', blocks_per_year: '100' } };
      },
      /params: inflation_rate must be a decimal in \[0, 1\].*invalid mint genesis/,
    ],
  ];
  for (const [what, edit, want] of cases) {
    const ta = await openApp();
    const state = stakingAppState(accs) as any;
    edit(state);
    try {
      await initChain(ta.app, state);
      t.fail(`${what} is accepted`);
    } catch (e) {
      t.match((e as Error).message, want, `${what}: refused, naming the field`);
    }
    await ta.close();
    removeDir(ta.dir);
  }
});

test('slashing: downtime jails until the jail ends; double sign tombstones for good; export -> import keeps the app hash', async (t) => {
  const accs = await devAccounts(3);
  const [a, b, c] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(
    app,
    stakingAppState(accs, {
      unbonding_time: '1000',
      signed_blocks_window: '10',
      min_signed_per_window: '0.5',
      downtime_jail_duration: '5',
      slash_fraction_downtime: '0.01',
      slash_fraction_double_sign: '0.1',
    }),
  );
  await runBlockWith(app, [], {});
  const params = await app.query({
    path: '/aichain.slashing.v1.Query/Params',
    data: new Uint8Array(),
    height: 0n,
    prove: false,
  });
  t.equal(
    QueryParamsResponse.decode(params.value).params?.signedBlocksWindow,
    10n,
    "the slashing Params query answers with genesis' params",
  );
  const sign = signer(app);
  await runBlockWith(
    app,
    [
      await sign(a, createValidatorMsg(a, consKey(1), 5_000_000n)),
      await sign(b, createValidatorMsg(b, consKey(2), 5_000_000n)),
      await sign(c, createValidatorMsg(c, consKey(3), 5_000_000n)),
    ],
    {},
  );
  // b misses every block; a and c sign.
  const votes = () => [vote(consKey(1), true), vote(consKey(2), false), vote(consKey(3), true)];
  let res = await runBlockWith(app, [], { votes: votes() });
  for (let i = 0; i < 11 && !res.events.some((e) => e.type === 'jail'); i++)
    res = await runBlockWith(app, [], { votes: votes() });
  const jail = res.events.find((e) => e.type === 'jail');
  t.equal(
    jail?.attributes.find((x) => x.key === 'validator')?.value,
    valoperOf(b),
    'after a full window of misses b is jailed',
  );
  t.ok(
    app.wiring.staking.validators.get(
      app.ctx(app.store.state),
      app.wiring.staking.validators.operatorByConsensusAddress(
        app.ctx(app.store.state),
        (await import('../../../../chain/types/address.js')).consensusAddress(consKey(2)),
      )!,
    )!.jailed,
    'staking marks b jailed',
  );

  res = await runBlockWith(app, [await sign(b, unjailMsg(b)), await sign(c, unjailMsg(c))], { votes: votes() });
  t.deepEqual(
    codes(res),
    ['staking:25', 'staking:23'],
    'MsgUnjail (its staking type URL) fails before the jail ends, and for c, never jailed',
  );

  res = await runBlockWith(app, [], { votes: votes(), misbehavior: [duplicateVote(consKey(1), app.store.version)] });
  const slash = res.events.find((e) => e.type === 'slash');
  t.deepEqual(
    [
      slash?.attributes.find((x) => x.key === 'reason')?.value,
      slash?.attributes.find((x) => x.key === 'burned')?.value,
    ],
    ['double_sign', '500000uaic'],
    "double-sign evidence burns a tenth of a's stake",
  );
  for (let i = 0; i < 5; i++) await runBlockWith(app, [], { votes: [vote(consKey(3), true)] });
  res = await runBlockWith(app, [await sign(a, unjailMsg(a)), await sign(b, unjailMsg(b))], {
    votes: [vote(consKey(3), true)],
  });
  t.deepEqual(codes(res), ['staking:24', ':0'], 'a, tombstoned, can never unjail; b can once its jail is over');
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  // Two more blocks: b's return to the set reaches CometBFT's set (which an export carries as is) two heights later.
  for (let i = 0; i < 2; i++) await runBlockWith(app, [], { votes: [vote(consKey(3), true)] });

  const exported = app.exportAppState() as { slashing: { signing_infos: unknown[]; slash_history: unknown[] } };
  const meta = app.exportChainMeta();
  t.deepEqual(
    [exported.slashing.signing_infos.length, exported.slashing.slash_history.length],
    [3, 2],
    "the export's slashing section holds three signing infos and two slashes",
  );
  const tb = await openApp();
  const init = await initChain(tb.app, exported, {
    validators: meta.validators.map((v) => ({ pub: v.pubKey, power: v.power })),
  });
  t.equal(hex(init.appHash), hex(app.store.root), 'InitChain from the export has the exporting app hash');
  await runBlockWith(tb.app, [], {});
  t.deepEqual(
    (tb.app.exportAppState() as typeof exported).slashing,
    exported.slashing,
    'and exports the same slashing state again',
  );
  for (const x of [ta, tb]) {
    await x.close();
    removeDir(x.dir);
  }
});
