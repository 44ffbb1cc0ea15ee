import test from 'tape';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  initHome,
  loadHome,
  resolveHome,
  homePaths,
  HomeError,
  type HomeErrorCode,
} from '../../../chain/home/index.js';
import { ed25519Sign, ed25519Verify } from '../../../native/ed25519.js';

const fixtureGenesis = new URL('../../fixtures/cometbft-0.38.25/genesis.json', import.meta.url);
const seed = new Uint8Array(32).fill(1);
const nodeSeed = new Uint8Array(32).fill(2);

async function withTmp(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'aichain-home-test-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function rejectsWith(t: test.Test, p: Promise<unknown>, code: HomeErrorCode, msg: string): Promise<void> {
  try {
    await p;
    t.fail(`${msg}: expected ${code}`);
  } catch (err) {
    t.ok(
      err instanceof HomeError && err.code === code,
      `${msg} (${code}${err instanceof HomeError ? '' : `, got ${err}`})`,
    );
  }
}

test('home: resolveHome prefers --home, then AICHAIN_HOME, then ~/.aichain', (t) => {
  const saved = process.env.AICHAIN_HOME;
  try {
    delete process.env.AICHAIN_HOME;
    t.equal(resolveHome(), join(homedir(), '.aichain'), 'default');
    process.env.AICHAIN_HOME = '/tmp/env-home';
    t.equal(resolveHome(), '/tmp/env-home', 'env var');
    t.equal(resolveHome('~/x'), join(homedir(), 'x'), 'flag wins, ~ expanded');
    t.equal(resolveHome('rel/dir'), join(process.cwd(), 'rel/dir'), 'relative flag made absolute');
  } finally {
    if (saved === undefined) delete process.env.AICHAIN_HOME;
    else process.env.AICHAIN_HOME = saved;
  }
  t.end();
});

test('home: init writes CometBFT-format files that load back', async (t) => {
  const genesis = JSON.parse(await readFile(fixtureGenesis, 'utf8'));
  await withTmp(async (dir) => {
    const home = join(dir, 'node');
    const paths = await initHome(home, {
      genesis,
      privValidatorSeed: seed,
      nodeKeySeed: nodeSeed,
      config: { blockTimeMs: 200 },
    });
    t.deepEqual(paths, homePaths(home), 'returns the home paths');
    const pvJson = JSON.parse(await readFile(paths.privValidatorKey, 'utf8'));
    t.deepEqual(Object.keys(pvJson).sort(), ['address', 'priv_key', 'pub_key'], 'priv_validator_key.json fields');
    t.equal(pvJson.pub_key.type, 'tendermint/PubKeyEd25519', 'pub_key type');
    t.equal(pvJson.priv_key.type, 'tendermint/PrivKeyEd25519', 'priv_key type');
    t.equal(Buffer.from(pvJson.priv_key.value, 'base64').length, 64, 'priv_key is seed ‖ pub');
    t.match(pvJson.address, /^[0-9A-F]{40}$/, 'address is upper-case hex');
    t.equal((await stat(paths.privValidatorKey)).mode & 0o777, 0o600, 'validator key is 0600');
    t.equal((await stat(paths.nodeKey)).mode & 0o777, 0o600, 'node key is 0600');
    t.deepEqual(
      JSON.parse(await readFile(paths.privValidatorState, 'utf8')),
      { height: '0', round: 0, step: 0 },
      'priv_validator_state.json',
    );

    const loaded = await loadHome(home);
    t.deepEqual(loaded.genesis, genesis, 'genesis round-trips');
    t.deepEqual([...loaded.privValidator.seed], [...seed], 'validator seed');
    t.equal(loaded.privValidator.addressHex, pvJson.address, 'validator address');
    const sig = ed25519Sign(loaded.privValidator.seed, Uint8Array.from([1, 2]));
    t.ok(
      ed25519Verify(Buffer.from(pvJson.pub_key.value, 'base64'), Uint8Array.from([1, 2]), sig),
      'pub_key matches the seed',
    );
    t.match(loaded.nodeKey.id, /^[0-9a-f]{40}$/, 'node id is lower-case hex of 20 bytes');
    t.equal(loaded.nodeKey.id, loaded.nodeKey.addressHex.toLowerCase(), 'node id = address of the node pubkey');
    t.equal(loaded.config.blockTimeMs, 200, 'config override kept');
    t.equal(loaded.config.rpcLaddr, 'tcp://127.0.0.1:26657', 'config defaults filled');
  });
  t.end();
});

test('home: init refuses an existing home unless asked; random keys otherwise', async (t) => {
  const genesis = { genesis_time: '2026-01-01T00:00:00Z', chain_id: 'aichain-test-1', app_state: {} };
  await withTmp(async (home) => {
    await initHome(home, { genesis });
    const first = await loadHome(home);
    await rejectsWith(t, initHome(home, { genesis }), 'HOME_EXISTS', 'second init refused');
    await initHome(home, { genesis, overwrite: true });
    const second = await loadHome(home);
    t.notEqual(second.privValidator.addressHex, first.privValidator.addressHex, 'overwrite with a fresh random key');
    await rejectsWith(t, initHome(join(home, 'x'), { genesis: { chain_id: '' } }), 'BAD_GENESIS', 'empty chain id');
    await rejectsWith(
      t,
      initHome(join(home, 'y'), { genesis, config: { logLevel: 'loud' as never } }),
      'BAD_CONFIG',
      'bad config value',
    );
  });
  t.end();
});

test('home: load gives clear errors for missing and corrupt files', async (t) => {
  const genesis = { genesis_time: '2026-01-01T00:00:00Z', chain_id: 'aichain-test-1' };
  await withTmp(async (home) => {
    await rejectsWith(t, loadHome(home), 'HOME_NOT_FOUND', 'empty directory');
    const paths = await initHome(home, { genesis, privValidatorSeed: seed });
    const pv = await readFile(paths.privValidatorKey, 'utf8');

    await rm(paths.nodeKey);
    await rejectsWith(t, loadHome(home), 'FILE_MISSING', 'node key missing');
    await initHome(home, { genesis, privValidatorSeed: seed, overwrite: true });

    await writeFile(paths.genesis, '{"chain_id": ');
    await rejectsWith(t, loadHome(home), 'FILE_CORRUPT', 'genesis is not JSON');
    await writeFile(paths.genesis, JSON.stringify({ chain_id: 'c' }));
    await rejectsWith(t, loadHome(home), 'BAD_GENESIS', 'genesis without genesis_time');
    await writeFile(paths.genesis, JSON.stringify(genesis));

    await writeFile(paths.privValidatorKey, pv.replace(/"address": "[0-9A-F]+"/, `"address": "${'0'.repeat(40)}"`));
    await rejectsWith(t, loadHome(home), 'FILE_CORRUPT', 'address does not match the key');
    const tampered = JSON.parse(pv);
    tampered.priv_key.value = Buffer.alloc(63).toString('base64');
    await writeFile(paths.privValidatorKey, JSON.stringify(tampered));
    await rejectsWith(t, loadHome(home), 'FILE_CORRUPT', 'short private key');
    await writeFile(paths.privValidatorKey, pv);

    await writeFile(paths.appConfig, JSON.stringify({ blockTimeMS: 5 }));
    await rejectsWith(t, loadHome(home), 'BAD_CONFIG', 'unknown (misspelt) setting');
    await writeFile(paths.appConfig, '{}');
    t.equal((await loadHome(home)).config.blockTimeMs, 1000, 'an empty app.json means all defaults');
  });
  t.end();
});
