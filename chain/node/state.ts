// What the node must remember between blocks to build the next one (CometBFT's sm.State, single-validator subset),
// and its JSON form in the block store. Node-local bookkeeping, not consensus state.
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import type { BlockID } from 'cosmjs-types/tendermint/types/types';
import type { Validator } from './validators.js';

export interface NodeState {
  chainId: string;
  initialHeight: bigint;
  /** Last height fully applied (FinalizeBlock + Commit); initialHeight - 1 before the first block. */
  lastHeight: bigint;
  lastBlockId: BlockID;
  lastBlockTime: Timestamp;
  /** App hash after lastHeight: goes into the next header. */
  appHash: Uint8Array;
  /** Results hash of lastHeight's txs: goes into the next header. */
  lastResultsHash: Uint8Array;
  /** Validators of lastHeight (signed its commit). */
  lastValidators: Validator[];
  /** Validators of lastHeight + 1. */
  validators: Validator[];
  /** Validators of lastHeight + 2. */
  nextValidators: Validator[];
  /** Params for lastHeight + 1. */
  consensusParams: ConsensusParams;
  /** The app's protocol version (Info.app_version, updated by params.version.app). */
  appVersion: bigint;
}

export const emptyBlockId = (): BlockID => ({
  hash: new Uint8Array(0),
  partSetHeader: { total: 0, hash: new Uint8Array(0) },
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const valsToJson = (vs: Validator[]) =>
  vs.map((v) => ({ address: hex(v.address), pub_key: hex(v.pubKey), power: String(v.power) }));
const valsFromJson = (vs: any[]): Validator[] =>
  vs.map((v) => ({ address: unhex(v.address), pubKey: unhex(v.pub_key), power: BigInt(v.power) }));

export function encodeState(s: NodeState): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      chain_id: s.chainId,
      initial_height: String(s.initialHeight),
      last_height: String(s.lastHeight),
      last_block_id: {
        hash: hex(s.lastBlockId.hash),
        total: s.lastBlockId.partSetHeader.total,
        parts_hash: hex(s.lastBlockId.partSetHeader.hash),
      },
      last_block_time: { seconds: String(s.lastBlockTime.seconds), nanos: s.lastBlockTime.nanos },
      app_hash: hex(s.appHash),
      last_results_hash: hex(s.lastResultsHash),
      last_validators: valsToJson(s.lastValidators),
      validators: valsToJson(s.validators),
      next_validators: valsToJson(s.nextValidators),
      consensus_params: hex(ConsensusParams.encode(s.consensusParams).finish()),
      app_version: String(s.appVersion),
    }),
  );
}

export function decodeState(bytes: Uint8Array): NodeState {
  const j = JSON.parse(new TextDecoder().decode(bytes));
  return {
    chainId: j.chain_id,
    initialHeight: BigInt(j.initial_height),
    lastHeight: BigInt(j.last_height),
    lastBlockId: {
      hash: unhex(j.last_block_id.hash),
      partSetHeader: { total: j.last_block_id.total, hash: unhex(j.last_block_id.parts_hash) },
    },
    lastBlockTime: { seconds: BigInt(j.last_block_time.seconds), nanos: j.last_block_time.nanos },
    appHash: unhex(j.app_hash),
    lastResultsHash: unhex(j.last_results_hash),
    lastValidators: valsFromJson(j.last_validators),
    validators: valsFromJson(j.validators),
    nextValidators: valsFromJson(j.next_validators),
    consensusParams: ConsensusParams.decode(unhex(j.consensus_params)),
    appVersion: BigInt(j.app_version),
  };
}
