// The single-validator launch through the CLI, as the README's "behind CometBFT" section runs it: init, keys add,
// genesis add-account, genesis gentx, genesis collect-gentxs; then InitChain on that genesis bonds the one validator
// with the home's validator key. Bad input exits 1 with genutil's message.
import test from 'tape';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { initChainRequest, parseGenesisDoc } from '../../chain/node/genesis-doc.js';
import { openApp, removeDir } from '../support/app-harness.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
const cli = async (...args: string[]) => (await run(process.execPath, [bin, ...args], { timeout: 60_000 })).stdout;

test('e2e: init + add-account + gentx + collect-gentxs gives one bonded validator', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'aichain-gentx-'));
  const home = join(dir, 'home');
  const g = ['--home', home, '--output', 'json'];
  await cli('init', '--chain-id', 'solo-1', '--moniker', 'val0', ...g);
  const { address } = JSON.parse(await cli('keys', 'add', 'val0', ...g));
  await cli('genesis', 'add-account', address, '1000000000uaic', ...g);
  await run(process.execPath, [bin, 'genesis', 'gentx', 'val0', '100000000uaic', '--chain-id', 'other-1', ...g]).then(
    () => t.fail('gentx accepted a wrong chain id'),
    (e) =>
      t.ok(/chain id differs from the genesis/.test(e.stderr) && e.code === 1, `wrong chain id: ${e.stderr.trim()}`),
  );
  await run(process.execPath, [bin, 'genesis', 'gentx', 'val0', '5000000000uaic', '--chain-id', 'solo-1', ...g]).then(
    () => t.fail('gentx accepted more than the account holds'),
    (e) => t.ok(/lacks the funds/.test(e.stderr), `unfunded: ${e.stderr.trim()}`),
  );
  const written = JSON.parse(await cli('genesis', 'gentx', 'val0', '100000000uaic', '--chain-id', 'solo-1', ...g));
  t.equal(written.operator, address, 'the gentx is signed by the key named');
  t.deepEqual(readdirSync(join(home, 'config/gentx')).length, 1, 'one file in config/gentx');
  const gentx = JSON.parse(readFileSync(written.file, 'utf8'));
  t.equal(gentx.body.messages[0]['@type'], '/aichain.staking.v1.MsgCreateValidator', 'SDK JSON with "@type"');
  t.equal(gentx.auth_info.signer_infos[0].sequence, '0', 'sequence 0');
  t.equal(gentx.auth_info.signer_infos[0].mode_info.single.mode, 'SIGN_MODE_DIRECT', 'sign mode direct');
  const collected = JSON.parse(await cli('genesis', 'collect-gentxs', ...g));
  t.equal(collected.validators.length, 1, 'collect-gentxs took it');

  const text = readFileSync(join(home, 'config/genesis.json'), 'utf8');
  const genesis = JSON.parse(text);
  t.deepEqual(genesis.validators, [], 'genesis.json lists no validators');
  const pv = JSON.parse(readFileSync(join(home, 'config/priv_validator_key.json'), 'utf8'));
  const ta = await openApp();
  const res = await ta.app.initChain(initChainRequest(parseGenesisDoc(text)));
  t.deepEqual(
    res.validators.map((v) => [Buffer.from(v.pubKey.ed25519!).toString('base64'), v.power]),
    [[pv.pub_key.value, 100n]],
    'InitChain returns the home’s validator key at power 100',
  );
  await ta.close();
  removeDir(ta.dir);
  removeDir(dir);
});
