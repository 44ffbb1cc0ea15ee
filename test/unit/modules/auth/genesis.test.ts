// Auth genesis through its proto-JSON mapping: export -> import keeps the app hash (accounts with public keys,
// sequences and module accounts), and each kind of bad genesis is refused with the field named.
import test from 'tape';
import {
  balance,
  devAccounts,
  initChain,
  openApp,
  removeDir,
  runBlock,
  send,
  signTx,
  testAppState,
} from '../../../support/app-harness.js';

type AuthJson = {
  params: Record<string, string>;
  fee_params: Record<string, unknown>;
  accounts: Array<Record<string, unknown>>;
};

test('auth genesis: export -> import gives the same app hash, and the export lists every field', async (t) => {
  const accs = await devAccounts(2);
  const ta = await openApp();
  await initChain(ta.app, testAppState(accs));
  await runBlock(ta.app, [
    await signTx(accs[0], [send(accs[0].address, accs[1].address, '5')], { accountNumber: 0n, sequence: 0n }),
  ]);
  t.ok(
    (await balance(ta.app, accs[1].address)) > 0n,
    'a send went through (account 0 now has a public key and sequence 1)',
  );
  const exported = ta.app.exportAppState();
  const auth = exported.auth as AuthJson;
  const a0 = auth.accounts.find((a) => a.address === accs[0].address)!;
  t.equal(a0.sequence, '1', 'sequence exported as a decimal string');
  t.equal(Buffer.from(a0.pub_key as string, 'base64').length, 33, 'the public key exported (base64)');
  const a1 = auth.accounts.find((a) => a.address === accs[1].address)!;
  t.deepEqual(
    [a1.pub_key, a1.sequence, a1.module_name, a1.permissions],
    ['', '0', '', []],
    'default values are written out, not left off',
  );
  t.ok(
    auth.accounts.some((a) => a.module_name === 'fee_collector'),
    'the fee collector is a module account',
  );
  t.deepEqual(
    auth.accounts.map((a) => a.account_number),
    [...auth.accounts.map((a) => a.account_number)].sort((x, y) => Number(x) - Number(y)),
    'in account-number order',
  );

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

test('auth genesis: a bad genesis fails loudly, naming the field', async (t) => {
  const accs = await devAccounts(2);
  const base = () => ({
    params: {
      max_memo_characters: '256',
      tx_sig_limit: '7',
      tx_size_cost_per_byte: '10',
      sig_verify_cost_ed25519: '590',
      sig_verify_cost_secp256k1: '1000',
    },
    fee_params: {
      min_gas_prices: [{ denom: 'uaic', amount: '0.025' }],
      max_tx_bytes: '1048576',
      max_vote_extension_bytes: '65536',
    },
    accounts: [
      { address: accs[0].address, pub_key: '', account_number: '0', sequence: '0', module_name: '', permissions: [] },
    ] as Array<Record<string, unknown>>,
  });
  const cases: Array<[string, (g: ReturnType<typeof base>) => void, RegExp]> = [
    [
      'tx_sig_limit 0',
      (g) => {
        g.params.tx_sig_limit = '0';
      },
      /^params: tx_sig_limit out of range.*invalid auth genesis$/,
    ],
    [
      'fee params unsorted',
      (g) => {
        g.fee_params.min_gas_prices = [
          { denom: 'uusdc', amount: '1' },
          { denom: 'uaic', amount: '1' },
        ];
      },
      /fee_params: min_gas_prices must be sorted/,
    ],
    [
      'bad address',
      (g) => {
        g.accounts[0].address = 'ai1bogus';
      },
      /^accounts\[0\]\.address: invalid address/,
    ],
    [
      'duplicate account',
      (g) => {
        g.accounts.push({ ...g.accounts[0], account_number: '1' });
      },
      /accounts\[1\]: duplicate account/,
    ],
    [
      'duplicate number',
      (g) => {
        g.accounts.push({ ...g.accounts[0], address: accs[1].address });
      },
      /accounts\[1\]: duplicate account_number 0/,
    ],
    [
      'short public key',
      (g) => {
        g.accounts[0].pub_key = Buffer.alloc(5).toString('base64');
      },
      /accounts\[0\]: pub_key is 5 bytes/,
    ],
    [
      'negative uint64',
      (g) => {
        g.accounts[0].sequence = '-1';
      },
      /sequence of type uint64 too large/,
    ],
    [
      'unknown field',
      (g) => {
        (g.accounts[0] as Record<string, unknown>).seqence = '1';
      },
      /app_state\.auth\.accounts\[0\]\.seqence is not a known field/,
    ],
    [
      'wrong kind',
      (g) => {
        (g as Record<string, unknown>).accounts = 'none';
      },
      /app_state\.auth\.accounts must be a list/,
    ],
    [
      'string as number',
      (g) => {
        g.accounts[0].module_name = 5 as never;
      },
      /accounts\[0\]\.module_name must be a string/,
    ],
  ];
  for (const [name, mutate, want] of cases) {
    const g = base();
    mutate(g);
    const ta = await openApp();
    await initChain(ta.app, { ...testAppState(accs), auth: g }).then(
      () => t.fail(`${name}: accepted`),
      (e: Error) => t.match(e.message, want, `${name}: refused (${e.message.slice(0, 120)})`),
    );
    t.equal(ta.app.store.version, 0n, `${name}: nothing committed`);
    await ta.close();
    removeDir(ta.dir);
  }
  const ok = await openApp();
  await initChain(ok.app, { ...testAppState(accs), auth: base() });
  t.pass('the unmodified genesis loads');
  await ok.close();
  removeDir(ok.dir);
});
