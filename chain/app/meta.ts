// App-level state under the `app` prefix: the chain id, the consensus params and the validator set that consensus
// runs with (set at InitChain, then changed by the staking module's validator updates).
//
// Timing: CometBFT applies the updates FinalizeBlock returns at height H to the set of height H+2. The set kept here
// is the one that signed the block just committed, because vote-extension checks at height H+1 (PrepareProposal,
// ProcessProposal) read the commit of height H, signed by the set of height H. So updates returned at H wait in a
// queue (keyed by H) and are applied during FinalizeBlock(H+2): after that block commits, this set is the set of
// height H+2. Everything here is consensus state, so every node holds the same set at the same height.
import { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import { PublicKey } from 'cosmjs-types/tendermint/crypto/keys';
import type { Context } from '../types/context.js';
import { concatBytes, fromUtf8, readU64, u64, utf8 } from '../store/bytes.js';
import { storePrefix } from './store-prefixes.js';
import { cometAddress } from '../../native/ed25519.js';

const KEY = {
  chainId: 0x01, // 0x01 -> chain id (utf8)
  consensusParams: 0x02, // 0x02 -> tendermint.types.ConsensusParams
  validator: 0x03, // 0x03 | address(20) -> tendermint.abci.ValidatorUpdate
  pendingUpdate: 0x04, // 0x04 | height returned at (u64) | address(20) -> tendermint.abci.ValidatorUpdate
} as const;

/** CometBFT applies updates returned at H from H + VALIDATOR_UPDATE_DELAY. */
export const VALIDATOR_UPDATE_DELAY = 2n;
const pendingPrefix = Uint8Array.of(KEY.pendingUpdate);
const pendingEnd = Uint8Array.of(KEY.pendingUpdate + 1);

const appPrefix = storePrefix('app');

export interface ConsensusValidator {
  address: Uint8Array;
  pubKey: Uint8Array;
  power: bigint;
}

export const appMeta = {
  chainId(ctx: Context): string {
    const b = ctx.kv(appPrefix).get(Uint8Array.of(KEY.chainId));
    return b ? fromUtf8(b) : '';
  },
  setChainId(ctx: Context, id: string): void {
    ctx.kv(appPrefix).set(Uint8Array.of(KEY.chainId), utf8(id));
  },

  consensusParams(ctx: Context): ConsensusParams | undefined {
    const b = ctx.kv(appPrefix).get(Uint8Array.of(KEY.consensusParams));
    return b ? ConsensusParams.decode(b) : undefined;
  },
  setConsensusParams(ctx: Context, p: ConsensusParams): void {
    ctx.kv(appPrefix).set(Uint8Array.of(KEY.consensusParams), ConsensusParams.encode(p).finish());
  },

  /** Validators sorted as CometBFT orders them: power descending, then address ascending. */
  validators(ctx: Context): ConsensusValidator[] {
    const out: ConsensusValidator[] = [];
    for (const [k, v] of ctx.kv(appPrefix).iterate(Uint8Array.of(KEY.validator), Uint8Array.of(KEY.validator + 1))) {
      const u = ValidatorUpdate.decode(v);
      out.push({ address: k.slice(1), pubKey: u.pubKey.ed25519 ?? new Uint8Array(), power: u.power });
    }
    return out.sort((a, b) =>
      a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(a.address, b.address),
    );
  },
  /** Applies validator updates (power 0 removes). Only ed25519 keys are supported. */
  applyValidatorUpdates(ctx: Context, updates: ValidatorUpdate[]): void {
    const s = ctx.kv(appPrefix);
    for (const u of updates) {
      const pub = u.pubKey.ed25519;
      if (!pub || pub.length !== 32) throw new Error('only 32-byte ed25519 validator keys are supported');
      const key = concatBytes(Uint8Array.of(KEY.validator), cometAddress(pub));
      if (u.power === 0n) s.delete(key);
      else
        s.set(
          key,
          ValidatorUpdate.encode({ pubKey: PublicKey.fromPartial({ ed25519: pub }), power: u.power }).finish(),
        );
    }
  },
  /** Queues the updates FinalizeBlock(height) returns, to apply in FinalizeBlock(height + 2). */
  queueValidatorUpdates(ctx: Context, height: bigint, updates: ValidatorUpdate[]): void {
    const s = ctx.kv(appPrefix);
    for (const u of updates) {
      const pub = u.pubKey.ed25519;
      if (!pub || pub.length !== 32) throw new Error('only 32-byte ed25519 validator keys are supported');
      s.set(concatBytes(pendingPrefix, u64(height), cometAddress(pub)), ValidatorUpdate.encode(u).finish());
    }
  },
  /** Applies (and drops) every queued update returned at or before `height - 2`, oldest first. */
  applyDueValidatorUpdates(ctx: Context, height: bigint): void {
    if (height < VALIDATOR_UPDATE_DELAY) return;
    const s = ctx.kv(appPrefix);
    const due = [
      ...s.iterate(pendingPrefix, concatBytes(pendingPrefix, u64(height - VALIDATOR_UPDATE_DELAY + 1n))),
    ].map(([k, v]) => [k.slice(), ValidatorUpdate.decode(v)] as const);
    for (const [k, u] of due) {
      appMeta.applyValidatorUpdates(ctx, [u]);
      s.delete(k);
    }
  },
  /** Queued updates as (returned-at height, update), in order. */
  pendingValidatorUpdates(ctx: Context): Array<{ height: bigint; update: ValidatorUpdate }> {
    return [...ctx.kv(appPrefix).iterate(pendingPrefix, pendingEnd)].map(([k, v]) => ({
      height: readU64(k.subarray(1)),
      update: ValidatorUpdate.decode(v),
    }));
  },
  /** The set CometBFT ends up with once every queued update has taken effect (what an export must start from). */
  validatorsAfterPending(ctx: Context): ConsensusValidator[] {
    const byAddr = new Map(appMeta.validators(ctx).map((v) => [Buffer.from(v.address).toString('hex'), v]));
    for (const { update } of appMeta.pendingValidatorUpdates(ctx)) {
      const pub = update.pubKey.ed25519!;
      const address = cometAddress(pub);
      const key = Buffer.from(address).toString('hex');
      if (update.power === 0n) byAddr.delete(key);
      else byAddr.set(key, { address, pubKey: pub, power: update.power });
    }
    return [...byAddr.values()].sort((a, b) =>
      a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(a.address, b.address),
    );
  },
};
