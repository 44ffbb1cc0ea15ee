// The ABCI++ application interface: the one seam between the state machine and the two doors that drive it (a real
// CometBFT node through chain/abci/server.ts, or the in-process dev node in chain/node). It lives with the app so
// the doors depend on the app and never the other way round. Types are cosmjs-types' v0.38 ones.
import type {
  RequestInfo,
  ResponseInfo,
  RequestInitChain,
  ResponseInitChain,
  RequestQuery,
  ResponseQuery,
  RequestCheckTx,
  ResponseCheckTx,
  RequestPrepareProposal,
  ResponsePrepareProposal,
  RequestProcessProposal,
  ResponseProcessProposal,
  RequestExtendVote,
  ResponseExtendVote,
  RequestVerifyVoteExtension,
  ResponseVerifyVoteExtension,
  RequestFinalizeBlock,
  ResponseFinalizeBlock,
  RequestCommit,
  ResponseCommit,
  RequestListSnapshots,
  ResponseListSnapshots,
  RequestOfferSnapshot,
  ResponseOfferSnapshot,
  RequestLoadSnapshotChunk,
  ResponseLoadSnapshotChunk,
  RequestApplySnapshotChunk,
  ResponseApplySnapshotChunk,
} from 'cosmjs-types/tendermint/abci/types';

export interface AbciApplication {
  info(req: RequestInfo): Promise<ResponseInfo>;
  initChain(req: RequestInitChain): Promise<ResponseInitChain>;
  query(req: RequestQuery): Promise<ResponseQuery>;
  checkTx(req: RequestCheckTx): Promise<ResponseCheckTx>;
  prepareProposal(req: RequestPrepareProposal): Promise<ResponsePrepareProposal>;
  processProposal(req: RequestProcessProposal): Promise<ResponseProcessProposal>;
  extendVote(req: RequestExtendVote): Promise<ResponseExtendVote>;
  verifyVoteExtension(req: RequestVerifyVoteExtension): Promise<ResponseVerifyVoteExtension>;
  finalizeBlock(req: RequestFinalizeBlock): Promise<ResponseFinalizeBlock>;
  commit(req: RequestCommit): Promise<ResponseCommit>;
  listSnapshots(req: RequestListSnapshots): Promise<ResponseListSnapshots>;
  offerSnapshot(req: RequestOfferSnapshot): Promise<ResponseOfferSnapshot>;
  loadSnapshotChunk(req: RequestLoadSnapshotChunk): Promise<ResponseLoadSnapshotChunk>;
  applySnapshotChunk(req: RequestApplySnapshotChunk): Promise<ResponseApplySnapshotChunk>;
  /** Releases files and workers. */
  close(): Promise<void>;
}
