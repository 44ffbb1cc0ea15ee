// The aichain CLI against a running dev node, and export -> import through the CLI giving the same app hash.
import test from 'tape';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_ADDRESSES } from '../../chain/home/dev.js';
import { rpc, startNode } from '../support/devnode-process.js';

const run = promisify(execFile);
const bin = new URL('../../bin/aichain.js', import.meta.url).pathname;
const cli = async (...args: string[]) => (await run(process.execPath, [bin, ...args], { timeout: 60_000 })).stdout;

test('e2e: CLI keys, tx bank send, queries, status, export -> import', async (t) => {
  let node = await startNode({ blockTime: '300ms' }); // slow enough that val2 (below) is not jailed for downtime before dev2 delegates
  const home = node.home;
  const home2 = mkdtempSync(join(tmpdir(), 'aichain-import-'));
  try {
    const g = ['--home', home, '--node', node.url, '--output', 'json'];
    const keys = JSON.parse(await cli('keys', 'list', ...g));
    t.deepEqual(
      keys.map((k: { name: string }) => k.name),
      ['dev0', 'dev1', 'dev2', 'dev3', 'dev4'],
      'the dev home has dev0..dev4',
    );
    t.equal(keys[0].address, DEV_ADDRESSES[0], 'dev0 is dev account 0');
    const added = JSON.parse(await cli('keys', 'add', 'alice', ...g));
    t.ok(
      added.address.startsWith('ai1') && added.mnemonic.split(' ').length === 24,
      'keys add makes a 24-word key with an ai1 address',
    );

    const sent = JSON.parse(await cli('tx', 'bank', 'send', 'dev0', 'alice', '2500uaic', ...g));
    t.equal(sent.code, 0, `tx bank send succeeds (${sent.raw_log})`);
    const bal = JSON.parse(await cli('query', 'bank', 'balances', added.address, ...g));
    t.deepEqual(bal.balances, [{ denom: 'uaic', amount: '2500' }], 'query bank balances shows the new balance');
    const tx = JSON.parse(await cli('query', 'tx', sent.txhash, ...g));
    t.equal(tx.height, sent.height, 'query tx finds it at its height');
    const blk = JSON.parse(await cli('query', 'block', String(sent.height), ...g));
    t.equal(blk.txs.length >= 1, true, 'query block shows the tx');
    const st = JSON.parse(await cli('status', ...g));
    t.equal(st.network, 'aichain-dev-1', 'status reports the chain id');

    const bad = await run(process.execPath, [bin, 'tx', 'bank', 'send', 'dev0', 'alice', '1ufoo', ...g]).catch(
      (e) => e,
    );
    t.notEqual(bad.code, 0, 'sending an unknown denom exits non-zero');
    t.match(
      String(bad.stderr),
      /refused by simulation: codespace bank code 6: .*unknown denom/,
      "and says why, with the module's codespace and code",
    );
    t.deepEqual(
      JSON.parse(String(bad.stdout)).error,
      { stage: 'simulate', code: 6, codespace: 'bank', log: JSON.parse(String(bad.stdout)).error.log },
      'with --output json, a JSON error object on stdout',
    );
    // With explicit fees there is no simulation: CheckTx runs the ante only, so the tx is included, fails in its block
    // and pays its fee; the CLI still reports the codespace.
    const inBlock = await run(process.execPath, [
      bin,
      'tx',
      'bank',
      'send',
      'dev0',
      'alice',
      '1ufoo',
      '--fees',
      '5000uaic',
      ...g,
    ]).catch((e) => e);
    const ib = JSON.parse(String(inBlock.stdout));
    t.ok(
      inBlock.code === 1 && ib.code === 6 && ib.codespace === 'bank' && Number(ib.height) > 0,
      `a tx failing in its block: exit 1, code 6, codespace bank, included (${ib.raw_log})`,
    );
    const gasOnly = JSON.parse(await cli('tx', 'bank', 'send', 'dev0', 'alice', '1uaic', '--gas', '150000', ...g));
    t.equal(
      gasOnly.code,
      0,
      "--gas N alone is a gas limit priced at the chain's gas price (not CosmJS's gas multiplier)",
    );
    t.equal(gasOnly.gas_wanted, '150000', 'and the tx asks exactly that gas');

    // Staking: a second validator (operated by dev1) and a delegation to it from dev2. It stays small: the dev node
    // signs alone, so its validator must keep more than 2/3 of the power for blocks to pass ProcessProposal.
    const pub = Buffer.alloc(32, 7).toString('base64');
    const created = JSON.parse(
      await cli(
        'tx',
        'staking',
        'create-validator',
        '--from',
        'dev1',
        '--amount',
        '1000000uaic',
        '--moniker',
        'val2',
        '--pubkey',
        pub,
        ...g,
      ),
    );
    t.equal(created.code, 0, `tx staking create-validator succeeds (${created.raw_log})`);
    const vals = JSON.parse(await cli('query', 'staking', 'validators', ...g));
    const val2 = vals.validators.find((v: { moniker: string }) => v.moniker === 'val2');
    t.equal(vals.validators.length, 2, 'query staking validators lists the dev validator and the new one');
    t.ok(val2?.operatorAddress.startsWith('aivaloper1'), 'with an aivaloper operator address');
    const del = JSON.parse(
      await cli('tx', 'staking', 'delegate', val2.operatorAddress, '1000000uaic', '--from', 'dev2', ...g),
    );
    t.equal(del.code, 0, `tx staking delegate succeeds (${del.raw_log})`);
    const dels = JSON.parse(await cli('query', 'staking', 'delegations', DEV_ADDRESSES[2], ...g));
    // val2 never signs (its key is made up), so downtime slashing may already have taken 0.01% of it.
    const delegated = BigInt(dels.delegationResponses?.[0]?.balance?.amount ?? 0);
    t.ok(delegated > 999_000n && delegated <= 1_000_000n, `query staking delegations shows it (${delegated})`);
    const badDel = await run(process.execPath, [
      bin,
      'tx',
      'staking',
      'delegate',
      val2.operatorAddress,
      '0uaic',
      '--from',
      'dev2',
      ...g,
    ]).catch((e) => e);
    t.notEqual(badDel.code, 0, 'a zero delegation is refused with a non-zero exit');

    // Rewards: fees paid so far reach the dev validator; its operator withdraws the commission, dev2 its rewards.
    const devVal = vals.validators.find((v: { moniker: string }) => v.moniker !== 'val2');
    const pool = JSON.parse(await cli('query', 'distribution', 'community-pool', ...g));
    t.ok(Array.isArray(pool.pool) && pool.pool.length > 0, 'the community pool holds part of the fees');
    const comm = JSON.parse(await cli('tx', 'distribution', 'withdraw-commission', '--from', 'dev0', ...g));
    t.equal(comm.code, 0, `the dev validator's operator withdraws its commission (${comm.raw_log})`);
    const rew = JSON.parse(
      await cli('query', 'distribution', 'rewards', DEV_ADDRESSES[0], devVal.operatorAddress, ...g),
    );
    t.ok(rew, 'query distribution rewards answers for the self-delegation');
    const wd = JSON.parse(
      await cli('tx', 'distribution', 'withdraw-rewards', devVal.operatorAddress, '--from', 'dev0', ...g),
    );
    t.equal(wd.code, 0, `withdraw-rewards succeeds (${wd.raw_log})`);

    await node.stop();
    const exported = JSON.parse(await cli('export', '--home', home));
    t.equal(exported.chain_id, 'aichain-dev-1', 'export writes the chain id');
    t.ok(Number(exported.initial_height) > 1, 'and the next height as initial_height');

    // A new home with the same validator key and the exported genesis: its first block carries the same app hash.
    cpSync(join(home, 'config'), join(home2, 'config'), { recursive: true });
    const gen = { ...exported };
    delete gen.exported_height;
    delete gen.exported_app_hash;
    writeFileSync(join(home2, 'config', 'genesis.json'), JSON.stringify(gen, null, 2));
    node = await startNode({ home: home2, blockTime: '100ms' });
    const first = await rpc(node.url, 'block', { height: exported.initial_height });
    t.equal(
      first.result?.block?.header?.app_hash,
      exported.exported_app_hash,
      'InitChain from the export reproduces the app hash',
    );
    const after = JSON.parse(
      await cli('query', 'bank', 'balances', added.address, '--node', node.url, '--output', 'json'),
    );
    t.deepEqual(after.balances, [{ denom: 'uaic', amount: '2501' }], 'and the state (2500 + the 1 sent with --gas)');
    t.ok(
      readFileSync(join(home, 'keyring', 'alice.json'), 'utf8').includes('UNENCRYPTED'),
      'the keyring file says it is unencrypted',
    );
  } finally {
    await node.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(home2, { recursive: true, force: true });
  }
});
