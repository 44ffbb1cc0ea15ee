// Applies a stored block to the app the way CometBFT's BlockExecutor does after consensus: FinalizeBlock, check the
// result count, save results and tx index, compute the next state (validator and param updates), Commit (with the
// mempool locked), save the state, prune below retain_height, recheck the mempool. Used by the producer and by
// the handshake's replay of the one block the node had saved but not applied.
import type { RequestFinalizeBlock, ResponseFinalizeBlock } from 'cosmjs-types/tendermint/abci/types';
import type { Block } from 'cosmjs-types/tendermint/types/block';
import type { BlockID } from 'cosmjs-types/tendermint/types/types';
import type { AbciApplication } from '../app/application.js';
import type { Logger } from '../logger.js';
import type { BlockStore } from './blockstore.js';
import { commitInfoFromCommit } from './commit-info.js';
import { mergeConsensusParams } from './consensus-params.js';
import { resultsHash } from './header.js';
import type { Mempool } from './mempool.js';
import type { NodeState } from './state.js';
import type { TxIndex } from './txindex.js';
import { applyValidatorUpdates } from './validators.js';

export class FatalNodeError extends Error {
  constructor(msg: string) {
    super(msg);
    this.name = 'FatalNodeError';
  }
}

export interface ExecutorDeps {
  app: AbciApplication;
  store: BlockStore;
  txIndex: TxIndex;
  mempool?: Mempool;
  log: Logger;
}

/** The FinalizeBlock request for a block, its decided last commit built from the block's own last commit. */
export function finalizeRequest(
  block: Block,
  blockId: BlockID,
  lastValidators: NodeState['lastValidators'],
): RequestFinalizeBlock {
  return {
    txs: block.data.txs,
    decidedLastCommit: commitInfoFromCommit(block.lastCommit, lastValidators),
    misbehavior: [],
    hash: blockId.hash,
    height: block.header.height,
    time: block.header.time,
    nextValidatorsHash: block.header.nextValidatorsHash,
    proposerAddress: block.header.proposerAddress,
  };
}

export async function callFinalizeBlock(
  app: AbciApplication,
  req: RequestFinalizeBlock,
): Promise<ResponseFinalizeBlock> {
  const res = await app.finalizeBlock(req);
  if (res.txResults.length !== req.txs.length) {
    throw new FatalNodeError(
      `FinalizeBlock at height ${req.height} returned ${res.txResults.length} tx results for ${req.txs.length} txs`,
    );
  }
  return res;
}

/** The state after a block, given the app's FinalizeBlock response (sm.updateState). */
export function nextState(s: NodeState, block: Block, blockId: BlockID, res: ResponseFinalizeBlock): NodeState {
  let nextValidators = s.nextValidators;
  if (res.validatorUpdates.length) {
    try {
      nextValidators = applyValidatorUpdates(s.nextValidators, res.validatorUpdates);
    } catch (e) {
      throw new FatalNodeError(`FinalizeBlock at height ${block.header.height}: ${(e as Error).message}`);
    }
  }
  let params = s.consensusParams;
  let appVersion = s.appVersion;
  if (res.consensusParamUpdates) {
    try {
      params = mergeConsensusParams(s.consensusParams, res.consensusParamUpdates);
    } catch (e) {
      throw new FatalNodeError(`FinalizeBlock at height ${block.header.height}: ${(e as Error).message}`);
    }
    appVersion = params.version?.app ?? appVersion;
  }
  return {
    ...s,
    lastHeight: block.header.height,
    lastBlockId: blockId,
    lastBlockTime: block.header.time,
    appHash: res.appHash,
    lastResultsHash: resultsHash(res.txResults),
    lastValidators: s.validators,
    validators: s.nextValidators,
    nextValidators,
    consensusParams: params,
    appVersion,
  };
}

/** FinalizeBlock + Commit of a saved block at state.lastHeight + 1; returns the new state and the response. */
export async function executeBlock(
  d: ExecutorDeps,
  s: NodeState,
  block: Block,
  blockId: BlockID,
): Promise<{ state: NodeState; results: ResponseFinalizeBlock }> {
  const h = block.header.height;
  if (h !== s.lastHeight + 1n) throw new FatalNodeError(`cannot apply block ${h} on state at height ${s.lastHeight}`);
  const res = await callFinalizeBlock(d.app, finalizeRequest(block, blockId, s.lastValidators));
  const state = nextState(s, block, blockId, res);
  await d.store.saveResults(h, res, d.txIndex.indexOps(h, block.data.txs, res.txResults));
  const commitAndRecheck = async () => {
    const c = await d.app.commit({});
    await d.store.saveState(state);
    if (c.retainHeight > 0n) {
      const n = await d.store.prune(c.retainHeight);
      if (n) d.log.debug('pruned blocks', { below: c.retainHeight, count: n });
    }
    if (d.mempool)
      await d.mempool.update(
        block.data.txs,
        res.txResults.map((r) => r.code),
      );
  };
  if (d.mempool) await d.mempool.lock(commitAndRecheck);
  else await commitAndRecheck();
  return { state, results: res };
}
