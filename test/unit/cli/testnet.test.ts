// `aichain testnet init`: every file parses and has the shape of the one CometBFT 0.38.25 writes (recorded in
// test/fixtures/cometbft-0.38.25/testnet), ports and peers are right, and N in-process apps started on the generated
// genesis agree on the app hash and the validator set (the one the gentxs bond). No CometBFT binary is needed.
import test from 'tape';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initTestnet, TESTNET_SELF_DELEGATION } from '../../../chain/cli/testnet.js';
import { writeGentx } from '../../../chain/cli/gentx.js';
import { genutilErrors } from '../../../modules/genutil/errors.js';
import { parseGenesisDoc, initChainRequest } from '../../../chain/node/genesis-doc.js';
import { parseNodeKey, parsePrivValidatorKey } from '../../../chain/home/comet-keys.js';
import { openApp, removeDir } from '../../support/app-harness.js';
import { parseToml, type TomlValue } from '../../support/toml.js';

const FIXTURE = new URL('../../fixtures/cometbft-0.38.25/', import.meta.url).pathname;
const N = 3;
const BASE = 27100;
const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const kind = (v: unknown): string =>
  Array.isArray(v) ? `[${v.length ? kind(v[0]) : ''}]` : v === null ? 'null' : typeof v;

/** Every key path with its kind (objects descended, arrays by their first element). */
function shape(v: unknown, at = ''): string[] {
  if (v && typeof v === 'object' && !Array.isArray(v))
    return Object.entries(v).flatMap(([k, x]) => shape(x, `${at}.${k}`));
  if (Array.isArray(v) && v.length && typeof v[0] === 'object') return shape(v[0], `${at}[]`);
  return [`${at}: ${kind(v)}`];
}
const tomlShape = (t: Record<string, Record<string, TomlValue>>) =>
  Object.entries(t).flatMap(([s, kv]) => Object.entries(kv).map(([k, v]) => `[${s}] ${k}: ${kind(v)}`));

test('testnet init: homes parse, match CometBFT’s shapes, and N apps agree from the generated genesis', async (t) => {
  const out = join(mkdtempSync(join(tmpdir(), 'aichain-testnet-')), 'net');
  const chainId = 'testnet-test-1';
  const nodes = await initTestnet({ validators: N, output: out, basePort: BASE, chainId, aichainCmd: 'aichain' });
  t.equal(nodes.length, N, `${N} nodes`);

  const fx = join(FIXTURE, 'testnet/node0');
  const fxToml = tomlShape(parseToml(readFileSync(join(fx, 'config/config.toml'), 'utf8')));
  const genesisText = readFileSync(join(nodes[0].appHome, 'config/genesis.json'), 'utf8');
  const ports = new Set<number>();
  for (const [i, n] of nodes.entries()) {
    const c = join(n.cometHome, 'config');
    const toml = parseToml(readFileSync(join(c, 'config.toml'), 'utf8'));
    t.deepEqual(tomlShape(toml).sort(), [...fxToml].sort(), `node${i}: config.toml has the fixture's keys and kinds`);
    t.equal(toml[''].proxy_app, `tcp://127.0.0.1:${n.ports.abci}`, `node${i}: proxy_app is its app's ABCI address`);
    t.equal(json(join(n.appHome, 'config/app.json')).abciLaddr, toml[''].proxy_app, `node${i}: the app listens there`);
    t.equal(toml.p2p.allow_duplicate_ip, true, `node${i}: allow_duplicate_ip`);
    t.equal(toml.p2p.addr_book_strict, false, `node${i}: addr_book_strict off`);
    for (const a of [toml.p2p.laddr, toml.rpc.laddr, toml[''].proxy_app, `tcp://${toml.rpc.pprof_laddr}`]) {
      const m = /^tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(String(a));
      t.ok(m, `node${i}: ${a} is on 127.0.0.1`);
      t.notOk(ports.has(Number(m?.[1])), `node${i}: port ${m?.[1]} is not used by another node`);
      ports.add(Number(m?.[1]));
    }
    // The node id from first principles: the first 20 bytes of sha256 of the ed25519 public key, hex.
    const ids = nodes.map((p) => {
      const pub = Buffer.from(json(join(p.cometHome, 'config/node_key.json')).priv_key.value, 'base64').subarray(32);
      return createHash('sha256').update(pub).digest().subarray(0, 20).toString('hex');
    });
    const peers = String(toml.p2p.persistent_peers).split(',').sort();
    const want = nodes.flatMap((p, j) => (j === i ? [] : [`${ids[j]}@127.0.0.1:${p.ports.p2p}`])).sort();
    t.deepEqual(peers, want, `node${i}: persistent_peers are the other nodes' real ids and p2p ports`);
    for (const f of ['config/node_key.json', 'config/priv_validator_key.json', 'data/priv_validator_state.json']) {
      t.deepEqual(shape(json(join(n.cometHome, f))), shape(json(join(fx, f))), `node${i}: ${f} has CometBFT's shape`);
    }
    parseNodeKey(json(join(c, 'node_key.json')), 'node_key.json');
    const pv = parsePrivValidatorKey(json(join(c, 'priv_validator_key.json')), 'priv_validator_key.json');
    t.deepEqual(
      json(join(c, 'priv_validator_key.json')),
      json(join(n.appHome, 'config/priv_validator_key.json')),
      `node${i}: same validator key in both homes`,
    );
    t.ok(pv.pubKey.length === 32, `node${i}: the validator key parses`);
    t.equal(
      readFileSync(join(c, 'genesis.json'), 'utf8'),
      genesisText,
      `node${i}: CometBFT's genesis is the shared one`,
    );
    t.equal(readFileSync(join(n.appHome, 'config/genesis.json'), 'utf8'), genesisText, `node${i}: the app's too`);
  }
  const genesis = JSON.parse(genesisText);
  const fxGenesis = json(join(FIXTURE, 'four-validators/genesis.json'));
  t.deepEqual(
    Object.keys(genesis)
      .filter((k) => k !== 'app_state')
      .sort(),
    Object.keys(fxGenesis)
      .filter((k) => k !== 'app_state')
      .sort(),
    'genesis.json has CometBFT’s top-level fields',
  );
  t.deepEqual(genesis.validators, [], 'genesis lists no validators: CometBFT takes InitChain’s');
  t.equal(genesis.app_state.genutil.gen_txs.length, N, `${N} gentxs in app_state.genutil`);
  const script = readFileSync(join(out, 'start-all.sh'), 'utf8');
  for (const n of nodes) t.ok(script.includes(`${n.ports.abci}`), `start-all.sh starts the app on ${n.ports.abci}`);
  t.ok(script.lastIndexOf('\nstart_app ') < script.indexOf('\nstart_comet '), 'every app starts before any CometBFT');

  // Every validator's app from the same genesis, through InitChain: the same app hash and validator set.
  const req = initChainRequest(parseGenesisDoc(genesisText));
  const results: string[] = [];
  for (const [i, n] of nodes.entries()) {
    const ta = await openApp(join(n.appHome, 'data'));
    const res = await ta.app.initChain(req);
    const vals = res.validators.map((v) => `${Buffer.from(v.pubKey.ed25519!).toString('base64')}:${v.power}`).sort();
    results.push(JSON.stringify({ appHash: Buffer.from(res.appHash).toString('hex'), vals }));
    if (i === 0) {
      const keys = nodes.map(
        (p) =>
          `${json(join(p.cometHome, 'config/priv_validator_key.json')).pub_key.value}:${BigInt(parseInt(TESTNET_SELF_DELEGATION)) / 1_000_000n}`,
      );
      t.deepEqual(vals, keys.sort(), 'InitChain returns every node’s validator key at its self-delegation’s power');
    }
    await ta.close();
  }
  t.equal(new Set(results).size, 1, `all ${N} apps agree on the app hash and validator set`);

  await writeGentx(nodes[0].appHome, 'operator', { chainId: 'another-chain', amount: '1000000uaic' }).then(
    () => t.fail('gentx accepted a chain id that is not the genesis’s'),
    (e) => t.ok(genutilErrors.wrongChainId.is(e), `gentx refuses a wrong --chain-id: ${(e as Error).message}`),
  );
  removeDir(join(out, '..'));
});
