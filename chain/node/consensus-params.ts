// Consensus params: CometBFT's defaults, its genesis/RPC JSON form (int64 as strings, max_age_duration in
// nanoseconds) and the merge rule for param updates from InitChain/FinalizeBlock (types/params.go Update).
import type { ConsensusParams } from 'cosmjs-types/tendermint/types/params';

export const defaultConsensusParams = (): ConsensusParams => ({
  block: { maxBytes: 22020096n, maxGas: -1n },
  evidence: { maxAgeNumBlocks: 100000n, maxAgeDuration: { seconds: 172800n, nanos: 0 }, maxBytes: 1048576n },
  validator: { pubKeyTypes: ['ed25519'] },
  version: { app: 0n },
  abci: { voteExtensionsEnableHeight: 0n },
});

const int = (v: unknown, what: string): bigint => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  throw new Error(`consensus_params.${what}: expected an integer string, got ${JSON.stringify(v)}`);
};

/** Reads the genesis JSON form; missing sections keep CometBFT's defaults. */
export function consensusParamsFromJson(j: any): ConsensusParams {
  const p = defaultConsensusParams();
  if (j == null) return p;
  if (typeof j !== 'object') throw new Error('consensus_params must be an object');
  if (j.block)
    p.block = { maxBytes: int(j.block.max_bytes, 'block.max_bytes'), maxGas: int(j.block.max_gas, 'block.max_gas') };
  if (j.evidence) {
    const ns = int(j.evidence.max_age_duration, 'evidence.max_age_duration');
    p.evidence = {
      maxAgeNumBlocks: int(j.evidence.max_age_num_blocks, 'evidence.max_age_num_blocks'),
      maxAgeDuration: { seconds: ns / 1_000_000_000n, nanos: Number(ns % 1_000_000_000n) },
      maxBytes: int(j.evidence.max_bytes ?? '0', 'evidence.max_bytes'),
    };
  }
  if (j.validator) {
    if (!Array.isArray(j.validator.pub_key_types))
      throw new Error('consensus_params.validator.pub_key_types must be an array');
    p.validator = { pubKeyTypes: j.validator.pub_key_types.map(String) };
  }
  if (j.version) p.version = { app: int(j.version.app ?? '0', 'version.app') };
  if (j.abci)
    p.abci = {
      voteExtensionsEnableHeight: int(
        j.abci.vote_extensions_enable_height ?? '0',
        'abci.vote_extensions_enable_height',
      ),
    };
  return p;
}

export function consensusParamsToJson(p: ConsensusParams) {
  const d = p.evidence?.maxAgeDuration;
  return {
    block: { max_bytes: String(p.block?.maxBytes ?? 0n), max_gas: String(p.block?.maxGas ?? 0n) },
    evidence: {
      max_age_num_blocks: String(p.evidence?.maxAgeNumBlocks ?? 0n),
      max_age_duration: String(d ? d.seconds * 1_000_000_000n + BigInt(d.nanos) : 0n),
      max_bytes: String(p.evidence?.maxBytes ?? 0n),
    },
    validator: { pub_key_types: p.validator?.pubKeyTypes ?? [] },
    version: { app: String(p.version?.app ?? 0n) },
    abci: { vote_extensions_enable_height: String(p.abci?.voteExtensionsEnableHeight ?? 0n) },
  };
}

/** Each section present in the update replaces the current one (ConsensusParams.Update). */
export function mergeConsensusParams(cur: ConsensusParams, upd: ConsensusParams | undefined): ConsensusParams {
  if (!upd) return cur;
  const next: ConsensusParams = { ...cur };
  if (upd.block) next.block = upd.block;
  if (upd.evidence) next.evidence = upd.evidence;
  if (upd.validator) next.validator = upd.validator;
  if (upd.version) next.version = upd.version;
  if (upd.abci) {
    const was = cur.abci?.voteExtensionsEnableHeight ?? 0n;
    // Once enabled, vote extensions cannot be turned off (ValidateUpdate rejects it in CometBFT).
    if (was > 0n && upd.abci.voteExtensionsEnableHeight !== was) {
      throw new Error(`consensus param update: vote_extensions_enable_height cannot change once set (${was})`);
    }
    next.abci = upd.abci;
  }
  return next;
}

/** Vote extensions are on at height h when the enable height is set and h ≥ it. */
export const voteExtensionsEnabled = (p: ConsensusParams, h: bigint): boolean => {
  const e = p.abci?.voteExtensionsEnableHeight ?? 0n;
  return e > 0n && h >= e;
};
