import test from 'tape';
import { CacheKV } from '../../../../chain/store/cachekv.js';
import { CodedError } from '../../../../chain/types/errors.js';
import { consensusAddress } from '../../../../modules/staking/consensus-key.js';
import { defaultParams, validateParams } from '../../../../modules/slashing/params.js';
import { devAccounts, initChain, openApp, removeDir, runBlock } from '../../../support/app-harness.js';
import { consKey, createValidatorMsg, signer, stakingAppState, valoperOf } from './helpers.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof CodedError ? `${e.codespace}:${e.code}` : `crash: ${(e as Error).message}`;
  }
};

test('slasher interface: other modules slash and jail by operator or consensus address; bad requests are coded errors', async (t) => {
  const accs = await devAccounts(3);
  const [a, b] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, stakingAppState(accs));
  await runBlock(app, []);
  const sign = signer(app);
  await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 4_000_000n)),
    await sign(b, createValidatorMsg(b, consKey(2), 4_000_000n)),
  ]);
  const slasher = app.wiring.slasher;
  const h = app.store.version;
  const ctx = app.ctx(
    new CacheKV(app.store.state),
    { height: h + 1n, time: { seconds: 1n << 40n, nanos: 0 }, chainId: 'test-chain-1' },
    'block',
  );
  const va = valoperOf(a);

  t.equal(
    codeOf(() => slasher.slash(ctx, { operator: va }, '1.5', 'wrong inference', h)),
    'staking:26',
    'a fraction above 1 is refused',
  );
  t.equal(
    codeOf(() => slasher.slash(ctx, { operator: va }, 'abc', 'wrong inference', h)),
    'staking:26',
    'a fraction that is no decimal is refused',
  );
  t.equal(
    codeOf(() => slasher.slash(ctx, { operator: va }, '0.5', '', h)),
    'staking:26',
    'an empty reason is refused',
  );
  t.equal(
    codeOf(() => slasher.slash(ctx, { operator: va }, '0.5', 'x', h + 5n)),
    'staking:26',
    'a future infraction height is refused',
  );
  t.equal(
    codeOf(() => slasher.slash(ctx, { consensusAddress: new Uint8Array(20) }, '0.5', 'x', h)),
    'staking:9',
    'an unknown validator is refused',
  );
  t.equal(
    codeOf(() => slasher.slash(ctx, { operator: 'nonsense' }, '0.5', 'x', h)),
    'sdk:7',
    'a malformed operator address is refused',
  );

  const rec = slasher.slash(ctx, { operator: va }, '0.25', 'wrong inference', h);
  t.deepEqual(
    [rec.id, rec.burned, rec.reason, rec.validatorAddress],
    [0n, '1000000', 'wrong inference', va],
    'a quarter of 4 AIC is burned',
  );
  const rec2 = slasher.slash(ctx, { operator: valoperOf(b) }, '0', 'warning', h);
  t.deepEqual([rec2.id, rec2.burned], [1n, '0'], 'a zero fraction records history and burns nothing');
  slasher.jail(ctx, { operator: va }, 1n << 41n);
  const op = app.wiring.staking.validators.operatorByConsensusAddress(ctx, consensusAddress(consKey(1)))!;
  t.ok(
    app.wiring.staking.validators.get(ctx, op)!.jailed,
    'jail by operator marks the validator jailed (found again by consensus address)',
  );
  t.deepEqual(app.checkInvariants(ctx), [], 'invariants hold after a slash from another module');
  await ta.close();
  removeDir(ta.dir);
});

test('slashing params: validation', (t) => {
  const ok = defaultParams();
  t.doesNotThrow(() => validateParams(ok), 'the defaults are valid');
  for (const [what, p] of [
    ['window below 10', { ...ok, signedBlocksWindow: 9n }],
    ['window above 1e6', { ...ok, signedBlocksWindow: 1_000_001n }],
    ['min signed above 1', { ...ok, minSignedPerWindow: '1.1' }],
    ['negative double-sign fraction', { ...ok, slashFractionDoubleSign: '-0.1' }],
    ['downtime fraction not a decimal', { ...ok, slashFractionDowntime: 'x' }],
    ['zero jail duration', { ...ok, downtimeJailDuration: 0n }],
  ] as const) {
    // The slashing params moved to modules/slashing with its own codespace (they were staking:19 before the split).
    t.equal(
      codeOf(() => validateParams(p)),
      'slashing:2',
      `${what} is refused`,
    );
  }
  t.end();
});
