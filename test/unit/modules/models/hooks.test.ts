// The keeper hooks other modules call: slashBond (burns a fraction of a bond, active or unlocking) and setStatus
// (governance suspends or reinstates). Run on a cache over the committed state, with invariants checked after.
import test from 'tape';
import { createHash } from 'node:crypto';
import { CacheKV } from '../../../../chain/store/cachekv.js';
import { Status } from '../../../../proto/gen/aichain/models/v1/types.js';
import { moduleAddress } from '../../../../chain/types/address.js';
import { CodedError } from '../../../../chain/types/errors.js';
import { devAccounts, initChain, openApp, removeDir, runBlock, signTx } from '../../../support/app-harness.js';
import { hex64, modelsAppState, registerDatasetMsg, registerModelMsg, retireModelMsg, tinyMlp } from './helpers.js';

const code = (f: () => unknown): number | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof CodedError ? e.code : -1;
  }
};

test('models hooks: slashBond burns, setStatus suspends and reinstates', async (t) => {
  const accs = await devAccounts(1);
  const [a] = accs;
  const ta = await openApp();
  const { app } = ta;
  await initChain(app, modelsAppState(accs));
  const model = tinyMlp(1),
    id = createHash('sha256').update(model).digest('hex');
  const m2 = tinyMlp(2),
    id2 = createHash('sha256').update(m2).digest('hex');
  const ds = hex64('c');
  await runBlock(app, [
    await signTx(a, [registerDatasetMsg(a.address, ds)], { accountNumber: 0n, sequence: 0n }),
    await signTx(a, [registerModelMsg(a.address, model)], { accountNumber: 0n, sequence: 1n }),
    await signTx(a, [registerModelMsg(a.address, m2)], { accountNumber: 0n, sequence: 2n }),
  ]);
  await runBlock(app, [await signTx(a, [retireModelMsg(a.address, id2)], { accountNumber: 0n, sequence: 3n })]);

  const k = app.wiring.models,
    bank = app.wiring.bank;
  const ctx = app.ctx(new CacheKV(app.store.state), undefined, 'block');
  const supply = bank.getSupply(ctx, 'uaic');
  const burned = k.slashBond(ctx, 'model', id, '0.25', 'wrong output vouched for');
  t.deepEqual(burned, { denom: 'uaic', amount: 250n }, 'a quarter of the 1000uaic bond is burned');
  t.equal(k.getModel(ctx, id)?.bond?.amount, '750', 'the record keeps the rest');
  t.equal(bank.getSupply(ctx, 'uaic'), supply - 250n, 'the supply shrinks (burned, not moved)');
  t.equal(
    bank.getBalance(ctx, moduleAddress('models'), 'uaic'),
    750n + 1000n + 100n,
    'the module account shrinks with it',
  );
  const ev = ctx.events.events.find((e) => e.type === 'slash_bond');
  t.ok(
    ev?.attributes.some((x) => x.key === 'reason' && x.value === 'wrong output vouched for'),
    'a slash_bond event carries the reason',
  );
  t.deepEqual(
    k.slashBond(ctx, 'model', id2, '1', 'unlocking bonds are slashable too'),
    { denom: 'uaic', amount: 1000n },
    'an unlocking bond can be slashed in full',
  );
  t.deepEqual(
    k.slashBond(ctx, 'dataset', ds, '0.5', 'bad data'),
    { denom: 'uaic', amount: 50n },
    'a dataset bond is slashable',
  );
  t.equal(
    code(() => k.slashBond(ctx, 'model', id, '1.5', 'x')),
    28,
    'a fraction above 1 is refused (28)',
  );
  t.equal(
    code(() => k.slashBond(ctx, 'model', id, '0', 'x')),
    28,
    'a zero fraction is refused (28)',
  );
  t.equal(
    code(() => k.slashBond(ctx, 'model', id, '-1', 'x')),
    28,
    'a negative fraction is refused (28)',
  );
  t.equal(
    code(() => k.slashBond(ctx, 'model', hex64('d'), '0.1', 'x')),
    15,
    'an unknown model is refused (15)',
  );
  t.deepEqual(app.checkInvariants(ctx), [], 'invariants hold after slashing');

  k.setStatus(ctx, 'model', id, Status.STATUS_SUSPENDED);
  t.equal(k.isModelActive(ctx, id), false, 'a suspended model takes no new tasks');
  k.setStatus(ctx, 'model', id, Status.STATUS_ACTIVE);
  t.equal(k.isModelActive(ctx, id), true, 'and is active again once reinstated');
  t.equal(
    code(() => k.setStatus(ctx, 'model', id2, Status.STATUS_ACTIVE)),
    29,
    'a retired model cannot be reinstated (29)',
  );
  k.setStatus(ctx, 'model', id, Status.STATUS_SUSPENDED);
  const unlock = k.retireModel(ctx, a.address, id);
  t.ok(unlock > 0n, 'the owner can still retire a suspended model');
  t.deepEqual(app.checkInvariants(ctx), [], 'invariants hold with the slashed bond unlocking');
  await ta.close();
  removeDir(ta.dir);
});
