// Bank genesis through its proto-JSON mapping: export -> import keeps the app hash (balances, supply, metadata,
// params), and each kind of bad genesis is refused with the field named.
import test from 'tape';
import {
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  send,
  signTx,
  testAppState,
} from '../../../support/app-harness.js';

test('bank genesis: export -> import gives the same app hash', async (t) => {
  const accs = await devAccounts(3);
  const ta = await openApp();
  const state = testAppState(accs);
  state.bank.params.send_enabled = [{ denom: 'uusdc', enabled: true }] as never;
  await initChain(ta.app, state);
  await runBlock(ta.app, [
    await signTx(accs[0], [send(accs[0].address, accs[2].address, '7', 'uusdc')], { accountNumber: 0n, sequence: 0n }),
  ]);
  const exported = ta.app.exportAppState();
  const bank = exported.bank as {
    supply: Array<{ denom: string; amount: string }>;
    params: unknown;
    denom_metadata: Array<Record<string, unknown>>;
  };
  t.deepEqual(
    bank.supply.map((c) => c.denom),
    ['uaic', 'uusdc'],
    'supply exported per denom',
  );
  t.deepEqual(
    bank.params,
    { send_enabled: [{ denom: 'uusdc', enabled: true }], default_send_enabled: true },
    'params exported in full',
  );
  t.equal(bank.denom_metadata[1].uri, '', 'metadata fields at their default are written out');
  const tb = await openApp();
  const init = await initChain(tb.app, exported);
  t.equal(
    Buffer.from(init.appHash).toString('hex'),
    Buffer.from(ta.app.store.root).toString('hex'),
    'InitChain from the export has the exporting app hash',
  );
  await runBlock(tb.app, []);
  t.deepEqual(tb.app.exportAppState(), exported, 'and exports the same state again');
  await ta.close();
  await tb.close();
  removeDir(ta.dir);
  removeDir(tb.dir);
});

test('bank genesis: a bad genesis fails loudly, naming the field', async (t) => {
  const accs = await devAccounts(2);
  type Bank = ReturnType<typeof testAppState>['bank'];
  const cases: Array<[string, (g: Bank) => void, RegExp]> = [
    [
      'bad address',
      (g) => {
        g.balances[1].address = 'cosmos1xyz';
      },
      /^balances\[1\]\.address: invalid address.*invalid bank genesis$/,
    ],
    [
      'duplicate balance',
      (g) => {
        g.balances[1].address = g.balances[0].address;
      },
      /balances\[1\]: duplicate balance/,
    ],
    [
      'unsorted coins',
      (g) => {
        g.balances[0].coins.reverse();
      },
      /balances\[0\]\.coins: coins must be sorted/,
    ],
    [
      'zero coin',
      (g) => {
        g.balances[0].coins[0].amount = '0';
      },
      /balances\[0\]\.coins: zero amount of uaic/,
    ],
    [
      'not a number',
      (g) => {
        g.balances[0].coins[0].amount = '1e5';
      },
      /balances\[0\]\.coins: amount of uaic is not a non-negative integer/,
    ],
    [
      'denom without metadata',
      (g) => {
        g.denom_metadata = g.denom_metadata.slice(0, 1);
      },
      /balances\[0\]: denom uusdc is not registered/,
    ],
    [
      'metadata without base unit',
      (g) => {
        g.denom_metadata[0] = { ...g.denom_metadata[0], denom_units: [] };
      },
      /denom_metadata\[0\]: metadata of "uaic" must list the base denom/,
    ],
    [
      'supply mismatch',
      (g) => {
        g.supply = [{ denom: 'uaic', amount: '1' }] as never;
      },
      /^supply 1uaic != sum of balances .*: invalid bank genesis$/,
    ],
    [
      'unknown field',
      (g) => {
        (g as Record<string, unknown>).balance = [];
      },
      /app_state\.bank\.balance is not a known field/,
    ],
    [
      'boolean as string',
      (g) => {
        (g.params as Record<string, unknown>).default_send_enabled = 'false';
      },
      /params\.default_send_enabled must be a boolean/,
    ],
  ];
  for (const [name, mutate, want] of cases) {
    const state = structuredClone(testAppState(accs));
    mutate(state.bank);
    const ta = await openApp();
    await initChain(ta.app, state).then(
      () => t.fail(`${name}: accepted`),
      (e: Error) => t.match(e.message, want, `${name}: refused (${e.message.slice(0, 120)})`),
    );
    t.equal(ta.app.store.version, 0n, `${name}: nothing committed`);
    await ta.close();
    removeDir(ta.dir);
  }
});
