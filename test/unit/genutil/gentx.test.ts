// Genesis transactions end to end in one process: gentxs signed like the SDK's, collected into a genesis, delivered
// by InitChain, which returns the bonded set; bad gentxs are refused with genutil's codes.
import test from 'tape';
import { collectGentxs } from '../../../chain/genutil/collect.js';
import { genutilErrors } from '../../../modules/genutil/errors.js';
import { BondStatus } from '../../../proto/gen/aichain/staking/v1/types.js';
import { txFromJSON } from '../../../chain/tx/json.js';
import { clientJsonCodec } from '../../../chain/genutil/codecs.js';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { parseAddress } from '../../../chain/types/address.js';
import { devAccounts, initChain, openApp, removeDir, runBlock } from '../../support/app-harness.js';
import { bareGenesis, consensusKey, gentxOf } from '../../support/gentx.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const AMOUNTS = [10_000_000n, 30_000_000n, 20_000_000n];

test('genutil: three gentxs → InitChain bonds them, returns them to CometBFT, export → import keeps the hash', async (t) => {
  const accs = await devAccounts(3);
  const files = await Promise.all(
    accs.map(async (a, i) => ({ name: `gentx-${i}.json`, json: await gentxOf(a, i, AMOUNTS[i]) })),
  );
  t.ok(
    Buffer.from(TxRaw.decode(txFromJSON(files[0].json, clientJsonCodec)).signatures[0]).length === 64,
    'the JSON re-encodes to a signed TxRaw',
  );
  const { genesis, gentxs } = collectGentxs(bareGenesis(accs), files);
  t.deepEqual(genesis.validators, [], 'genesis.json lists no CometBFT validators: InitChain answers them');
  t.equal(gentxs.length, 3, 'all three checked');

  const ta = await openApp();
  const init = await initChain(ta.app, genesis.app_state);
  const got = init.validators.map((v) => `${hex(v.pubKey.ed25519!)}:${v.power}`).sort();
  const want = AMOUNTS.map((a, i) => `${hex(consensusKey(i).pubKey)}:${a / 1_000_000n}`).sort();
  t.deepEqual(got, want, 'ResponseInitChain.validators is the gentxs’ set, power = tokens / power_reduction');

  await runBlock(ta.app, []);
  const ctx = ta.app.ctx(ta.app.store.state);
  const vals = [...ta.app.wiring.staking.validators.all(ctx)];
  t.equal(vals.length, 3, 'staking knows three validators');
  for (const [i, acc] of accs.entries()) {
    const v = vals.find((x) => hex(x.consensusPubkey) === hex(consensusKey(i).pubKey));
    t.equal(v?.status, BondStatus.BOND_STATUS_BONDED, `validator ${i} is bonded`);
    t.equal(v?.tokens, AMOUNTS[i].toString(), `validator ${i} has its self-delegation as tokens`);
    t.equal(v?.moniker, `val${i}`, `validator ${i} has its moniker`);
    t.equal(
      ta.app.wiring.bank.getBalance(ctx, parseAddress(acc.address), 'uaic'),
      10_000_000_000n - AMOUNTS[i],
      `operator ${i} paid the self-delegation and no fee`,
    );
  }

  const exported = ta.app.exportAppState();
  t.deepEqual(exported.genutil, { gen_txs: [] }, 'genutil exports no gentxs (their effects are in the export)');
  const tb = await openApp();
  const reinit = await initChain(tb.app, exported);
  t.equal(hex(reinit.appHash), hex(ta.app.store.root), 'InitChain from the export has the exporting app hash');
  t.deepEqual(
    reinit.validators.map((v) => `${hex(v.pubKey.ed25519!)}:${v.power}`).sort(),
    want,
    'and returns the same validator set',
  );
  await ta.close();
  await tb.close();
  removeDir(ta.dir);
  removeDir(tb.dir);
});

test('genutil: bad gentxs are refused with coded errors', async (t) => {
  const accs = await devAccounts(4);
  const funded = accs.slice(0, 3);
  const good = { name: 'a.json', json: await gentxOf(accs[0], 0, 5_000_000n) };
  const cases: Array<[string, Array<{ name: string; json: unknown }>, { is(e: unknown): boolean; code: number }]> = [
    [
      'signed for another chain id',
      [{ name: 'x.json', json: await gentxOf(accs[0], 0, 5_000_000n, 'other-chain') }],
      genutilErrors.badSignature,
    ],
    [
      'a changed signature',
      [{ name: 'x.json', json: { ...good.json, signatures: [Buffer.alloc(64, 7).toString('base64')] } }],
      genutilErrors.badSignature,
    ],
    [
      'a changed message (self-delegation raised after signing)',
      [
        {
          name: 'x.json',
          json: {
            ...good.json,
            body: {
              ...good.json.body,
              messages: [{ ...good.json.body.messages[0], self_delegation: { denom: 'uaic', amount: '6000000' } }],
            },
          },
        },
      ],
      genutilErrors.badSignature,
    ],
    ['an unfunded signer', [{ name: 'x.json', json: await gentxOf(accs[3], 3, 5_000_000n) }], genutilErrors.unfunded],
    [
      'a signer funded below the self-delegation',
      [{ name: 'x.json', json: await gentxOf(accs[1], 1, 20_000_000_000n) }],
      genutilErrors.unfunded,
    ],
    ['the same gentx twice', [good, { ...good, name: 'b.json' }], genutilErrors.duplicateValidator],
    [
      'two operators with one consensus key',
      [good, { name: 'b.json', json: await gentxOf(accs[1], 0, 5_000_000n) }],
      genutilErrors.duplicateValidator,
    ],
    ['not a tx', [{ name: 'x.json', json: { hello: 'world' } }], genutilErrors.invalidGentx],
  ];
  for (const [what, files, err] of cases) {
    try {
      collectGentxs(bareGenesis(funded), files);
      t.fail(`${what}: accepted`);
    } catch (e) {
      t.ok(err.is(e), `${what}: genutil code ${err.code} (${(e as Error).message})`);
    }
  }

  // InitChain checks by running them: an unfunded gentx that skipped collect fails InitChain with its tx's code.
  const ta = await openApp();
  const appState = {
    ...(bareGenesis(funded).app_state as object),
    genutil: { gen_txs: [await gentxOf(accs[3], 3, 5_000_000n)] },
  };
  await initChain(ta.app, appState).then(
    () => t.fail('InitChain accepted an unfunded gentx'),
    (e) => t.ok(genutilErrors.gentxFailed.is(e), `InitChain refuses it: ${(e as Error).message}`),
  );
  await ta.close();
  removeDir(ta.dir);
});

test('genutil: the app_state section must be {gen_txs: [tx objects]}', async (t) => {
  const ta = await openApp();
  for (const [what, section] of [
    ['gen_txs not a list', { gen_txs: 'x' }],
    ['a tx that is not an object', { gen_txs: [1] }],
    ['an unknown field', { gen_txs: [], extra: 1 }],
  ] as const) {
    await initChain(ta.app, { genutil: section }).then(
      () => t.fail(`${what}: accepted`),
      (e) => t.ok(genutilErrors.invalidGenesis.is(e), `${what}: ${(e as Error).message}`),
    );
  }
  await ta.close();
  removeDir(ta.dir);
});
