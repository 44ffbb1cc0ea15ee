// Genesis parsing and the InitChain request, checked byte for byte against what CometBFT v0.38.25 sent.
import test from 'tape';
import { readFileSync } from 'node:fs';
import { BinaryReader } from 'cosmjs-types/binary';
import { Request, RequestInitChain } from 'cosmjs-types/tendermint/abci/types';
import { genesisToJson, initChainRequest, parseGenesisDoc, rawTopLevelValue } from '../../../chain/node/genesis-doc.js';
import { stateFromGenesis } from '../../../chain/node/handshake.js';
import { mergeConsensusParams } from '../../../chain/node/consensus-params.js';

const fx = new URL('../../fixtures/cometbft-0.38.25/', import.meta.url);
const genesisText = readFileSync(new URL('genesis.json', fx), 'utf8');

function firstRecordedRequest(file: string): Request {
  const r = new BinaryReader(readFileSync(new URL(file, fx)));
  const len = r.uint32();
  return Request.decode(r.buf.subarray(r.pos, r.pos + len));
}

test('InitChain request equals the recorded one', (t) => {
  const g = parseGenesisDoc(genesisText);
  const recorded = firstRecordedRequest('abci/fresh/consensus.requests.bin').initChain!;
  t.deepEqual(
    Buffer.from(RequestInitChain.encode(initChainRequest(g)).finish()),
    Buffer.from(RequestInitChain.encode(recorded).finish()),
    'same bytes (initial_height 0 -> 1, no app_state)',
  );
  t.equal(g.initialHeight, 1n, 'initial height 0 means 1');
  t.end();
});

test('the genesis RPC form matches the recording', (t) => {
  const g = parseGenesisDoc(genesisText);
  const want = JSON.parse(readFileSync(new URL('rpc/genesis.json', fx), 'utf8')).result.genesis;
  t.deepEqual(genesisToJson(g), want, 'same JSON as CometBFT served');
  t.end();
});

test('four validators are ordered by power, then address, as CometBFT sends them', (t) => {
  const g = parseGenesisDoc(readFileSync(new URL('four-validators/genesis.json', fx), 'utf8'));
  const recorded = firstRecordedRequest('abci/four-validators/consensus.requests.bin').initChain!;
  const enc = (r: RequestInitChain) =>
    Buffer.from(RequestInitChain.encode(RequestInitChain.fromPartial({ validators: r.validators })).finish());
  t.deepEqual(enc(initChainRequest(g)), enc(recorded), 'validator order and powers');
  t.end();
});

test('app_state is passed as the exact bytes of the file', (t) => {
  const text =
    '{"chain_id":"c","genesis_time":"2026-01-01T00:00:00Z","app_state": {"b" : [1, "x}"],  "a":{} } ,"validators":[]}';
  t.equal(rawTopLevelValue(text, 'app_state'), '{"b" : [1, "x}"],  "a":{} }', 'raw value with its spacing');
  const g = parseGenesisDoc(text);
  t.equal(new TextDecoder().decode(g.appStateBytes), '{"b" : [1, "x}"],  "a":{} }', 'app_state_bytes');
  t.end();
});

test('bad genesis files give clear errors', (t) => {
  const cases: [string, RegExp][] = [
    ['not json', /not valid JSON/],
    ['{"genesis_time":"2026-01-01T00:00:00Z"}', /chain_id is required/],
    ['{"chain_id":"c","genesis_time":"yesterday"}', /invalid RFC3339/],
    [
      '{"chain_id":"c","genesis_time":"2026-01-01T00:00:00Z","validators":[{"pub_key":{"type":"tendermint/PubKeySecp256k1","value":""},"power":"1"}]}',
      /PubKeyEd25519 keys/,
    ],
    [
      '{"chain_id":"c","genesis_time":"2026-01-01T00:00:00Z","consensus_params":{"block":{"max_bytes":"x","max_gas":"1"}}}',
      /block.max_bytes/,
    ],
  ];
  for (const [text, re] of cases) t.throws(() => parseGenesisDoc(text), re, re.source);
  t.end();
});

test('InitChain response: validators and params replace genesis', (t) => {
  const g = parseGenesisDoc(genesisText);
  const pk = new Uint8Array(32).fill(1);
  const s = stateFromGenesis(
    g,
    {
      validators: [{ pubKey: { ed25519: pk }, power: 5n }],
      appHash: new Uint8Array([1]),
      consensusParams: { block: { maxBytes: 1000n, maxGas: 50n } },
    },
    1n,
  );
  t.equal(s.validators.length, 1, 'one validator');
  t.deepEqual(s.validators[0].pubKey, pk, "the app's validator");
  t.equal(s.consensusParams.block?.maxBytes, 1000n, 'block params replaced');
  t.equal(s.consensusParams.abci?.voteExtensionsEnableHeight, 2n, 'other sections kept');
  t.deepEqual(s.appHash, new Uint8Array([1]), 'app hash from InitChain');
  t.throws(
    () => mergeConsensusParams(s.consensusParams, { abci: { voteExtensionsEnableHeight: 9n } }),
    /cannot change/,
    'vote extensions cannot be moved once set',
  );
  t.end();
});
