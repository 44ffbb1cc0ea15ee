// Start-up handshake (CometBFT's consensus/replay.go): ask the app where it is with Info, run InitChain on a fresh
// app, replay stored blocks the app has not committed with FinalizeBlock + Commit only, and refuse to start when
// the app's hash disagrees with what the store recorded.
import type { ExtendedCommitInfo, ResponseInfo, ResponseInitChain } from 'cosmjs-types/tendermint/abci/types';
import type { Commit } from 'cosmjs-types/tendermint/types/types';
import { voteExtensionSignBytes } from './canonical.js';
import { buildExtendedCommitInfo, emptyCommit } from './commit-info.js';
import { mergeConsensusParams, voteExtensionsEnabled } from './consensus-params.js';
import {
  callFinalizeBlock,
  executeBlock,
  FatalNodeError,
  finalizeRequest,
  nextState,
  type ExecutorDeps,
} from './executor.js';
import { initChainRequest, type GenesisDoc } from './genesis-doc.js';
import { merkleRoot } from './merkle.js';
import type { PrivValidator } from './privval.js';
import { emptyBlockId, type NodeState } from './state.js';
import { sortValidators, validatorFromUpdate } from './validators.js';

export const COMETBFT_VERSION = '0.38.25';
export const P2P_PROTOCOL = 8n;
export const ABCI_VERSION = '2.0.0';

export interface HandshakeResult {
  state: NodeState;
  lastCommit: Commit;
  lastExtCommit: ExtendedCommitInfo;
  info: ResponseInfo;
  /** Blocks replayed into the app. */
  replayed: number;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** The state before the first block: genesis, overridden by a non-empty InitChain response. */
export function stateFromGenesis(g: GenesisDoc, res: ResponseInitChain, appVersion: bigint): NodeState {
  const validators = res.validators.length
    ? sortValidators(res.validators.map(validatorFromUpdate))
    : g.validators.map(({ name: _n, ...v }) => v);
  if (!validators.length) throw new FatalNodeError('genesis has no validators and InitChain returned none');
  return {
    chainId: g.chainId,
    initialHeight: g.initialHeight,
    lastHeight: g.initialHeight - 1n,
    lastBlockId: emptyBlockId(),
    lastBlockTime: g.genesisTime,
    appHash: res.appHash.length ? res.appHash : g.appHash,
    lastResultsHash: merkleRoot([]),
    lastValidators: [],
    validators,
    nextValidators: validators,
    consensusParams: mergeConsensusParams(g.consensusParams, res.consensusParams),
    appVersion,
  };
}

export async function handshake(
  d: ExecutorDeps,
  genesis: GenesisDoc,
  privVal: PrivValidator,
): Promise<HandshakeResult> {
  const { app, store, log } = d;
  const info = await app.info({
    version: COMETBFT_VERSION,
    blockVersion: 11n,
    p2pVersion: P2P_PROTOCOL,
    abciVersion: ABCI_VERSION,
  });
  const appHeight = info.lastBlockHeight;
  let state = await store.loadState();
  if (state && state.chainId !== genesis.chainId) {
    throw new FatalNodeError(`block store belongs to chain ${state.chainId}, genesis says ${genesis.chainId}`);
  }
  if (appHeight < 0n) throw new FatalNodeError(`app reported a negative height ${appHeight}`);

  if (appHeight === 0n) {
    const res = await app.initChain(initChainRequest(genesis));
    if (!state) {
      state = stateFromGenesis(genesis, res, info.appVersion);
      await store.saveState(state);
      log.info('InitChain done', { chain_id: genesis.chainId, app_hash: hex(state.appHash) });
    }
  }
  if (!state)
    throw new FatalNodeError(
      `the app is at height ${appHeight} but the block store is empty: wipe the app's data or restore the node's`,
    );

  const storeHeight = store.height() === 0n ? state.initialHeight - 1n : store.height();
  const stateHeight = state.lastHeight;
  if (appHeight > storeHeight)
    throw new FatalNodeError(`the app is at height ${appHeight}, ahead of the block store at ${storeHeight}`);
  if (storeHeight > stateHeight + 1n)
    throw new FatalNodeError(
      `block store at ${storeHeight} is more than one block ahead of the node state at ${stateHeight}`,
    );

  let replayed = 0;
  if (appHeight === stateHeight + 1n) {
    // The app committed the last block but the node died before saving its state: rebuild it from the saved results.
    const block = await store.loadBlock(appHeight),
      id = await store.loadBlockId(appHeight),
      res = await store.loadResults(appHeight);
    if (!block || !id || !res)
      throw new FatalNodeError(`the app committed height ${appHeight} but its block or results are missing`);
    if (!sameBytes(res.appHash, info.lastBlockAppHash))
      throw new FatalNodeError(appHashMismatch(appHeight, info.lastBlockAppHash, res.appHash));
    state = nextState(state, block, id, res);
    await store.saveState(state);
  } else {
    if (
      appHeight === stateHeight
      && appHeight >= state.initialHeight
      && !sameBytes(info.lastBlockAppHash, state.appHash)
    ) {
      throw new FatalNodeError(appHashMismatch(appHeight, info.lastBlockAppHash, state.appHash));
    }
    const first = appHeight < state.initialHeight ? state.initialHeight : appHeight + 1n;
    for (let h = first; h <= storeHeight; h++) {
      const block = await store.loadBlock(h),
        id = await store.loadBlockId(h);
      if (!block || !id) throw new FatalNodeError(`cannot replay height ${h}: the block is not in the store (pruned?)`);
      if (h <= stateHeight) {
        const lastVals = h === state.initialHeight ? [] : ((await store.loadValidators(h - 1n)) ?? []);
        const res = await callFinalizeBlock(app, finalizeRequest(block, id, lastVals));
        const saved = await store.loadResults(h);
        if (saved && !sameBytes(saved.appHash, res.appHash))
          throw new FatalNodeError(appHashMismatch(h, res.appHash, saved.appHash));
        await app.commit({});
      } else {
        state = (await executeBlock(d, state, block, id)).state;
      }
      replayed++;
    }
    if (replayed) log.info('replayed blocks into the app', { from: first, to: storeHeight });
  }

  const lastCommit = (await store.loadSeenCommit(state.lastHeight)) ?? emptyCommit();
  let lastExtCommit: ExtendedCommitInfo = { round: 0, votes: [] };
  if (state.lastHeight >= state.initialHeight) {
    const saved = await store.loadExtendedCommit();
    if (saved && saved.height === state.lastHeight) lastExtCommit = saved.info;
    else {
      // Not saved (an older store): vote again with an empty extension, which apps must accept.
      const on = voteExtensionsEnabled(
        (await store.loadParams(state.lastHeight)) ?? state.consensusParams,
        state.lastHeight,
      );
      const sig = on
        ? privVal.sign(voteExtensionSignBytes(new Uint8Array(0), state.lastHeight, 0n, state.chainId))
        : new Uint8Array(0);
      lastExtCommit = buildExtendedCommitInfo(state.lastValidators, privVal.address, new Uint8Array(0), sig);
    }
  }
  return { state, lastCommit, lastExtCommit, info, replayed };
}

const appHashMismatch = (h: bigint, app: Uint8Array, stored: Uint8Array) =>
  `app hash mismatch at height ${h}: the app has ${hex(app)}, the block store recorded ${hex(stored)}; the app's state diverged (wipe it to replay from genesis)`;
