// Header hashing, part sets and vote sign bytes against blocks recorded from a real CometBFT v0.38.25.
import test from 'tape';
import { readFileSync } from 'node:fs';
import { ExecTxResult } from 'cosmjs-types/tendermint/abci/types';
import type { Block } from 'cosmjs-types/tendermint/types/block';
import type { BlockID, Header } from 'cosmjs-types/tendermint/types/types';
import {
  blockIdOf,
  commitHash,
  consensusParamsHash,
  headerHash,
  maxDataBytes,
  resultsHash,
  txsHash,
  validatorsHash,
} from '../../../chain/node/header.js';
import { voteExtensionSignBytes, voteSignBytes, PRECOMMIT_TYPE } from '../../../chain/node/canonical.js';
import { verifyEd25519 } from '../../../chain/node/privval.js';
import { addressFromPubKey } from '../../../chain/node/validators.js';
import { parseRfc3339 } from '../../../chain/node/time.js';
import { parseGenesisDoc } from '../../../chain/node/genesis-doc.js';

const fx = new URL('../../fixtures/cometbft-0.38.25/', import.meta.url);
const load = (f: string) => JSON.parse(readFileSync(new URL(f, fx), 'utf8'));
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const HEX = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

const blockIdFromJson = (j: any): BlockID => ({
  hash: hex(j.hash),
  partSetHeader: { total: j.parts.total, hash: hex(j.parts.hash) },
});
function blockFromJson(j: any): Block {
  const h = j.header;
  const header: Header = {
    version: { block: BigInt(h.version.block), app: BigInt(h.version.app) },
    chainId: h.chain_id,
    height: BigInt(h.height),
    time: parseRfc3339(h.time),
    lastBlockId: blockIdFromJson(h.last_block_id),
    lastCommitHash: hex(h.last_commit_hash),
    dataHash: hex(h.data_hash),
    validatorsHash: hex(h.validators_hash),
    nextValidatorsHash: hex(h.next_validators_hash),
    consensusHash: hex(h.consensus_hash),
    appHash: hex(h.app_hash),
    lastResultsHash: hex(h.last_results_hash),
    evidenceHash: hex(h.evidence_hash),
    proposerAddress: hex(h.proposer_address),
  };
  const c = j.last_commit;
  return {
    header,
    data: { txs: j.data.txs.map(b64) },
    evidence: { evidence: [] },
    lastCommit: {
      height: BigInt(c.height),
      round: c.round,
      blockId: blockIdFromJson(c.block_id),
      signatures: c.signatures.map((s: any) => ({
        blockIdFlag: s.block_id_flag,
        validatorAddress: hex(s.validator_address),
        timestamp: parseRfc3339(s.timestamp),
        signature: b64(s.signature),
      })),
    },
  };
}

test('block ids and header hashes match the recorded blocks', (t) => {
  for (const f of ['rpc/block-1.json', 'rpc/block-3.json']) {
    const r = load(f).result;
    const block = blockFromJson(r.block);
    const { blockId } = blockIdOf(block);
    t.equal(HEX(headerHash(block.header)), r.block_id.hash, `${f}: header hash`);
    t.equal(HEX(blockId.partSetHeader.hash), r.block_id.parts.hash, `${f}: part set hash`);
    t.equal(blockId.partSetHeader.total, r.block_id.parts.total, `${f}: part count`);
    t.equal(HEX(txsHash(block.data.txs)), r.block.header.data_hash, `${f}: data hash`);
    t.equal(HEX(commitHash(block.lastCommit!)), r.block.header.last_commit_hash, `${f}: last commit hash`);
  }
  t.end();
});

test('block sizes match the recorded block metas', (t) => {
  for (const meta of load('rpc/blockchain.json').result.block_metas) {
    // Rebuild each block's body from the full recordings where we have them (heights 1 and 3).
    const h = meta.header.height;
    if (h !== '3') continue;
    const { bytes } = blockIdOf(blockFromJson(load('rpc/block-3.json').result.block));
    t.equal(String(bytes.length), meta.block_size, `block ${h}: encoded size`);
  }
  t.end();
});

test('validators, consensus params and results hash like CometBFT', (t) => {
  const g = parseGenesisDoc(readFileSync(new URL('genesis.json', fx), 'utf8'));
  const h1 = load('rpc/block-1.json').result.block.header;
  t.equal(HEX(validatorsHash(g.validators)), h1.validators_hash, 'validators hash');
  t.equal(HEX(consensusParamsHash(g.consensusParams)), h1.consensus_hash, 'consensus hash');
  t.equal(HEX(g.validators[0].address), h1.proposer_address, 'address = sha256(pubkey)[:20]');
  // Block 4's last_results_hash covers block 3's two successful txs (code 0, no data, gas 0).
  const h4 = load('rpc/blockchain.json').result.block_metas.find((m: any) => m.header.height === '4').header;
  const ok = ExecTxResult.fromPartial({ code: 0, log: 'ignored', events: [{ type: 'x', attributes: [] }] });
  t.equal(HEX(resultsHash([ok, ok])), h4.last_results_hash, 'last results hash ignores log and events');
  t.equal(
    HEX(resultsHash([])),
    'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
    'empty results hash',
  );
  t.end();
});

test('max tx bytes for PrepareProposal equals what CometBFT sent', (t) => {
  t.equal(maxDataBytes(22020096n, 0n, 1), 22019254n, 'one validator, no evidence');
  t.end();
});

test('CanonicalVoteExtension sign bytes: PROTOCOL.md vector and a recorded signature', (t) => {
  t.equal(
    Buffer.from(voteExtensionSignBytes(new Uint8Array(0), 10n, 0n, 'c')).toString('hex'),
    '0c110a000000000000002201' + '63',
    'empty extension, height 10, round 0, chain "c"',
  );
  const g = parseGenesisDoc(readFileSync(new URL('genesis.json', fx), 'utf8'));
  // fresh/consensus.requests.jsonl: PrepareProposal(3).local_last_commit carries the extension signature of height 2.
  const sig = b64('bPqUlD4cM0N/LTMwegNhnp0VdXFA2ARycEFjxg7cf6WUdENeUlJEX068QSm5D1SceqRT4r2vegF2hXdj9Qb2DA==');
  const bytes = voteExtensionSignBytes(new Uint8Array(0), 2n, 0n, g.chainId);
  t.ok(verifyEd25519(sig, bytes, g.validators[0].pubKey), 'recorded extension signature verifies');
  t.notOk(
    verifyEd25519(sig, voteExtensionSignBytes(new Uint8Array(0), 3n, 0n, g.chainId), g.validators[0].pubKey),
    'and fails for another height',
  );
  t.end();
});

test('CanonicalVote sign bytes verify the recorded precommit signature', (t) => {
  const g = parseGenesisDoc(readFileSync(new URL('genesis.json', fx), 'utf8'));
  const b3 = load('rpc/block-3.json').result.block;
  const sig = b3.last_commit.signatures[0];
  const bytes = voteSignBytes(
    PRECOMMIT_TYPE,
    2n,
    0n,
    blockIdFromJson(b3.last_commit.block_id),
    parseRfc3339(sig.timestamp),
    g.chainId,
  );
  t.ok(verifyEd25519(b64(sig.signature), bytes, g.validators[0].pubKey), 'precommit signature of height 2 verifies');
  t.deepEqual(addressFromPubKey(g.validators[0].pubKey), hex(sig.validator_address), 'signer address');
  t.end();
});
