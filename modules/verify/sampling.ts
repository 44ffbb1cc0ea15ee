// Which submitted results the validators verify: a deterministic draw from committed state (DESIGN §6.2) — the
// hash of the previous app hash and the task id, never local randomness or wall time — against a rate that adapts
// to the provider's record: 100 % for a new or recently faulted provider, falling as verified results accumulate
// toward the floor (min_sample_bps; 100 % on the dev chain).
import { concatBytes, sha256, u64 } from '../../chain/store/bytes.js';
import type { Params, ProviderRecord } from '../../proto/gen/aichain/verify/v1/types.js';

export const BPS = 10_000n;

/** The draw in [0, 10000): the first 8 bytes of sha256(last app hash || task id), big-endian, mod 10000. */
export function draw(lastAppHash: Uint8Array, taskId: bigint): bigint {
  const h = sha256(concatBytes(lastAppHash, u64(taskId)));
  let x = 0n;
  for (let i = 0; i < 8; i++) x = (x << 8n) | BigInt(h[i]);
  return x % BPS;
}

/** The provider's sampling rate in basis points at `height`. */
export function sampleRate(p: Params, rec: ProviderRecord | undefined, height: bigint): bigint {
  const floor = BigInt(p.minSampleBps);
  if (!rec) return BPS;
  if (rec.lastFaultHeight > 0n && height - rec.lastFaultHeight <= p.faultCooldownBlocks) return BPS;
  if (rec.verified < p.newProviderResults || rec.verified === 0n) return BPS;
  const r = (p.newProviderResults * BPS) / rec.verified;
  return r < floor ? floor : r > BPS ? BPS : r;
}

export const sampled = (lastAppHash: Uint8Array, taskId: bigint, rateBps: bigint) =>
  draw(lastAppHash, taskId) < rateBps;
