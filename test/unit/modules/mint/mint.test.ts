// The mint module: each block mints supply × inflation_rate / blocks_per_year (rounded down) of the bond denom into
// the fee collector, and distribution's end block (after mint's) pays it out the same block; params validation;
// export -> import with mint params gives the same app hash.
import test from 'tape';
import { CodedError } from '../../../../chain/types/errors.js';
import { defaultParams, validateParams } from '../../../../modules/mint/params.js';
import { moduleAddress, toAddress } from '../../../../chain/types/address.js';
import { balance, devAccounts, initChain, openApp, removeDir } from '../../../support/app-harness.js';
import { QueryBlockProvisionResponse, QueryParamsResponse } from '../../../../proto/gen/aichain/mint/v1/query.js';
import { consKey, createValidatorMsg, runBlockWith, signer, stakingAppState, vote } from '../staking/helpers.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof CodedError ? `${e.codespace}:${e.code}` : String(e);
  }
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('mint params: rate in [0, 1] and blocks_per_year in range, canonical spelling', (t) => {
  const ok = defaultParams();
  t.equal(
    validateParams({ ...ok, inflationRate: '0.05' }).inflationRate,
    '0.050000000000000000',
    'the rate is stored in its 18-decimal spelling',
  );
  for (const [what, p] of [
    ['a rate above 1', { ...ok, inflationRate: '1.01' }],
    ['a rate that is no decimal', { ...ok, inflationRate: 'five' }],
    ['zero blocks per year', { ...ok, blocksPerYear: 0n }],
    ['too many blocks per year', { ...ok, blocksPerYear: 1_000_000_001n }],
  ] as const)
    t.equal(
      codeOf(() => validateParams(p)),
      'mint:2',
      `${what}: mint:2`,
    );
  t.end();
});

test('mint: every block mints supply × rate / blocks_per_year into the fee collector; distribution pays it out; export -> import', async (t) => {
  const accs = await devAccounts(2);
  const [a] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, {
    ...stakingAppState(accs),
    mint: { params: { inflation_rate: '0.1', blocks_per_year: '1000' } },
  });
  await runBlockWith(app, [], {});
  await runBlockWith(app, [await signer(app)(a, createValidatorMsg(a, consKey(1), 5_000_000n))], {});
  const supplyOf = () => app.wiring.bank.getSupply(app.ctx(app.store.state), 'uaic');
  for (let i = 0; i < 3; i++) {
    const before = supplyOf();
    const res = await runBlockWith(app, [], { votes: [vote(consKey(1), true, 5n)] });
    const want = before / 10n / 1000n; // floor(floor(supply × 0.1) / 1000)
    const mint = res.events.find((e) => e.type === 'mint');
    t.equal(
      mint?.attributes.find((x) => x.key === 'amount')?.value,
      `${(before * 10n ** 17n) / 10n ** 18n / 1000n}uaic`,
      `block ${i}: the mint event names supply × 0.1 / 1000`,
    );
    t.equal(supplyOf() - before, want, `block ${i}: the supply grew by exactly the provision`);
    t.equal(
      await balance(app, toAddress(moduleAddress('fee_collector'))),
      0n,
      `block ${i}: distribution emptied the fee collector the same block`,
    );
  }
  t.deepEqual(app.checkInvariants(), [], 'invariants hold');
  const q = async (m: string) =>
    (await app.query({ path: `/aichain.mint.v1.Query/${m}`, data: new Uint8Array(), height: 0n, prove: false })).value;
  t.equal(
    QueryParamsResponse.decode(await q('Params')).params?.inflationRate,
    '0.100000000000000000',
    'the Params query answers',
  );
  t.deepEqual(
    QueryBlockProvisionResponse.decode(await q('BlockProvision')).provision,
    { denom: 'uaic', amount: String(supplyOf() / 10n / 1000n) },
    'BlockProvision names what the next block mints',
  );
  const exported = app.exportAppState() as { mint: { params: { inflation_rate: string; blocks_per_year: string } } };
  t.deepEqual(
    exported.mint.params,
    { inflation_rate: '0.100000000000000000', blocks_per_year: '1000' },
    'the export has the mint params',
  );
  const meta = app.exportChainMeta();
  const tb = await openApp();
  const init = await initChain(tb.app, exported, {
    validators: meta.validators.map((v) => ({ pub: v.pubKey, power: v.power })),
  });
  t.equal(hex(init.appHash), hex(app.store.root), 'InitChain from the export has the exporting app hash');
  for (const x of [ta, tb]) {
    await x.close();
    removeDir(x.dir);
  }
});
