import test from 'tape';
import { appMeta } from '../../../../chain/app/meta.js';
import { cometAddress } from '../../../../native/ed25519.js';
import { QueryValidatorRequest, QueryValidatorResponse } from '../../../../proto/gen/aichain/staking/v1/query.js';
import { BondStatus } from '../../../../proto/gen/aichain/staking/v1/types.js';
import type { AichainApp } from '../../../../chain/app/app.js';
import { devAccounts, initChain, openApp, removeDir, runBlock } from '../../../support/app-harness.js';
import { consKey, createValidatorMsg, query, signer, stakingAppState, undelegateMsg, valoperOf } from './helpers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const metaSet = (app: AichainApp) =>
  appMeta.validators(app.ctx(app.store.state)).map((v) => `${hex(v.pubKey).slice(0, 2)}:${v.power}`);

test("validator set: entering and leaving the active set gives the right updates; the app's set follows two blocks later", async (t) => {
  const accs = await devAccounts(4);
  const [a, b, c] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, stakingAppState(accs, { max_validators: 2 }));
  await runBlock(app, []);
  const sign = signer(app);

  let res = await runBlock(app, [
    await sign(a, createValidatorMsg(a, consKey(1), 5_000_000n)),
    await sign(b, createValidatorMsg(b, consKey(2), 3_000_000n)),
  ]);
  const h = app.store.version;
  const order = [consKey(1), consKey(2)].sort((x, y) => Buffer.compare(cometAddress(x), cometAddress(y)));
  t.deepEqual(
    res.validatorUpdates.map((u) => hex(u.pubKey.ed25519!)),
    order.map(hex),
    'updates are sorted by consensus address',
  );
  t.deepEqual(metaSet(app), [], `after block ${h} the app's set is still the old one (CometBFT applies at ${h + 2n})`);
  await runBlock(app, []);
  t.deepEqual(metaSet(app), [], `after block ${h + 1n} too`);
  res = await runBlock(app, []);
  t.deepEqual(metaSet(app), ['01:5', '02:3'], `after block ${h + 2n} the app's set has both validators`);
  t.equal(res.validatorUpdates.length, 0, 'no updates while nothing changes');

  res = await runBlock(app, [await sign(c, createValidatorMsg(c, consKey(3), 4_000_000n))]);
  t.deepEqual(
    res.validatorUpdates.map((u) => `${hex(u.pubKey.ed25519!).slice(0, 2)}:${u.power}`).sort(),
    ['02:0', '03:4'],
    'with max_validators 2, c (power 4) enters and b (power 3) leaves with power 0',
  );
  const vb = (
    await query(app, 'Validator', QueryValidatorRequest, { validatorAddress: valoperOf(b) }, QueryValidatorResponse)
  ).validator!;
  t.equal(vb.status, BondStatus.BOND_STATUS_UNBONDED, 'b is unbonded');
  t.deepEqual(app.checkInvariants(), [], "b's tokens moved to the not-bonded pool (invariants hold)");

  res = await runBlock(app, [await sign(c, undelegateMsg(c, valoperOf(c), 4_000_000n))]);
  t.deepEqual(
    res.validatorUpdates.map((u) => `${hex(u.pubKey.ed25519!).slice(0, 2)}:${u.power}`).sort(),
    ['02:3', '03:0'],
    'when c unbonds its whole self-delegation it leaves and b comes back',
  );
  await runBlock(app, []);
  await runBlock(app, []);
  t.deepEqual(metaSet(app), ['01:5', '02:3'], "two blocks later the app's set is a and b again");

  // Export -> import: same app hash, and the genesis validators must match staking's bonded set.
  const exported = app.exportAppState();
  const meta = app.exportChainMeta();
  const root = hex(app.store.root);
  const tb = await openApp();
  const init = await initChain(tb.app, exported, {
    validators: meta.validators.map((v) => ({ pub: v.pubKey, power: v.power })),
  });
  t.equal(hex(init.appHash), root, 'InitChain from the export has the exporting app hash');
  await runBlock(tb.app, []);
  t.deepEqual(tb.app.exportAppState().staking, exported.staking, 'and exports the same staking state again');

  const tc = await openApp();
  try {
    await initChain(tc.app, exported, { validators: [{ pub: consKey(1), power: 5n }] });
    t.fail("a genesis validator list that differs from staking's bonded set is accepted");
  } catch (e) {
    t.match(
      (e as Error).message,
      /differ from the staking genesis/,
      "a genesis validator list that differs from staking's bonded set fails loudly",
    );
  }
  const td = await openApp();
  const answered = await initChain(td.app, exported);
  t.deepEqual(
    answered.validators.map((u) => `${hex(u.pubKey.ed25519!).slice(0, 2)}:${u.power}`).sort(),
    ['01:5', '02:3'],
    'with no genesis validators, InitChain answers with the staking set',
  );
  for (const x of [ta, tb, tc, td]) {
    await x.close();
    removeDir(x.dir);
  }
});
