// CometBFT's JSON forms of blocks, commits, results and events (as the recordings in test/fixtures show): int64
// as strings, int32/uint32 as numbers, hashes and addresses upper hex, other bytes base64 (empty -> null where
// Go has a nil slice), times RFC3339 with trailing zeros trimmed.
import type {
  Event,
  ExecTxResult,
  ResponseCheckTx,
  ResponseFinalizeBlock,
  ValidatorUpdate,
} from 'cosmjs-types/tendermint/abci/types';
import type { Block } from 'cosmjs-types/tendermint/types/block';
import type { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import type { BlockID, Commit, Header } from 'cosmjs-types/tendermint/types/types';
import type { IndexedTx } from '../txindex.js';
import { formatRfc3339Nano } from '../time.js';
import type { Validator } from '../validators.js';
import { consensusParamsToJson } from '../consensus-params.js';

export const HEX = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
export const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
export const b64OrNull = (b: Uint8Array | undefined): string | null => (b && b.length ? b64(b) : null);

export const blockIdJson = (id: BlockID) => ({
  hash: HEX(id.hash),
  parts: { total: id.partSetHeader.total, hash: HEX(id.partSetHeader.hash) },
});

export const headerJson = (h: Header) => ({
  version: { block: String(h.version.block), app: String(h.version.app) },
  chain_id: h.chainId,
  height: String(h.height),
  time: formatRfc3339Nano(h.time),
  last_block_id: blockIdJson(h.lastBlockId),
  last_commit_hash: HEX(h.lastCommitHash),
  data_hash: HEX(h.dataHash),
  validators_hash: HEX(h.validatorsHash),
  next_validators_hash: HEX(h.nextValidatorsHash),
  consensus_hash: HEX(h.consensusHash),
  app_hash: HEX(h.appHash),
  last_results_hash: HEX(h.lastResultsHash),
  evidence_hash: HEX(h.evidenceHash),
  proposer_address: HEX(h.proposerAddress),
});

export const commitJson = (c: Commit) => ({
  height: String(c.height),
  round: c.round,
  block_id: blockIdJson(c.blockId),
  signatures: c.signatures.map((s) => ({
    block_id_flag: s.blockIdFlag,
    validator_address: HEX(s.validatorAddress),
    timestamp: formatRfc3339Nano(s.timestamp),
    signature: b64OrNull(s.signature),
  })),
});

export const blockJson = (b: Block) => ({
  header: headerJson(b.header),
  data: { txs: b.data.txs.map(b64) },
  evidence: { evidence: [] as unknown[] },
  last_commit: commitJson(b.lastCommit!),
});

export const eventJson = (e: Event) => ({
  type: e.type,
  attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })),
});

export const txResultJson = (r: ExecTxResult | ResponseCheckTx) => ({
  code: r.code,
  data: b64OrNull(r.data),
  log: r.log,
  info: r.info,
  gas_wanted: String(r.gasWanted),
  gas_used: String(r.gasUsed),
  events: r.events.map(eventJson),
  codespace: r.codespace,
});

export const indexedTxJson = (t: IndexedTx) => ({
  hash: HEX(t.hash),
  height: String(t.height),
  index: t.index,
  tx_result: txResultJson(t.result),
  tx: b64(t.tx),
});

export const pubKeyJson = (pubKey: Uint8Array) => ({ type: 'tendermint/PubKeyEd25519', value: b64(pubKey) });

export const validatorJson = (v: Validator) => ({
  address: HEX(v.address),
  pub_key: pubKeyJson(v.pubKey),
  voting_power: String(v.power),
  proposer_priority: '0',
});

// abci.ValidatorUpdate's pub_key is the crypto.PublicKey oneof, which Go's JSON prints with its `Sum` wrapper.
const validatorUpdateJson = (u: ValidatorUpdate) => ({
  pub_key: u.pubKey?.ed25519
    ? { Sum: { type: 'tendermint.crypto.PublicKey_Ed25519', value: { ed25519: b64(u.pubKey.ed25519) } } }
    : {
        Sum: {
          type: 'tendermint.crypto.PublicKey_Secp256K1',
          value: { secp256k1: b64(u.pubKey?.secp256k1 ?? new Uint8Array(0)) },
        },
      },
  power: String(u.power),
});

/** Param updates: only the sections the app sent, the others null. */
export function paramUpdatesJson(p: ConsensusParams | undefined) {
  if (!p) return null;
  const full = consensusParamsToJson(p);
  return {
    block: p.block ? full.block : null,
    evidence: p.evidence ? full.evidence : null,
    validator: p.validator ? full.validator : null,
    version: p.version ? full.version : null,
    abci: p.abci ? full.abci : null,
  };
}

export const blockResultsJson = (height: bigint, r: ResponseFinalizeBlock) => ({
  height: String(height),
  txs_results: r.txResults.length ? r.txResults.map(txResultJson) : null,
  finalize_block_events: r.events.length ? r.events.map(eventJson) : null,
  validator_updates: r.validatorUpdates.length ? r.validatorUpdates.map(validatorUpdateJson) : null,
  consensus_param_updates: paramUpdatesJson(r.consensusParamUpdates),
  app_hash: b64(r.appHash),
});
