// The gov module's state: one byte per collection under the module's store prefix (0x0a; a retired number is never
// reused; none retired yet). Ids and times are u64 big-endian, so queues iterate in time order and lists in id order.
// The time queues and the status index are derived from the proposal record by IndexedMap.
import { Deposit, Params, Proposal, ProposalStatus, Vote } from '../../proto/gen/aichain/gov/v1/types.js';
import { addressKey, index, protoValue, Schema, tupleKey, u64Key, u8Key } from '../../chain/store/collections/index.js';

export const KEY = {
  params: 0x01, // 0x01 -> aichain.gov.v1.Params
  nextId: 0x02, // 0x02 -> the next proposal id (u64)
  proposal: 0x03, // 0x03 | id(u64) -> aichain.gov.v1.Proposal
  byStatus: 0x04, // 0x04 | status(1) | id(u64) -> empty
  depositQueue: 0x05, // 0x05 | deposit_end_time(u64) | id(u64) -> empty; proposals in their deposit period
  votingQueue: 0x06, // 0x06 | voting_end_time(u64) | id(u64) -> empty; proposals in their voting period
  deposit: 0x07, // 0x07 | id(u64) | lp(depositor) -> aichain.gov.v1.Deposit
  vote: 0x08, // 0x08 | id(u64) | lp(voter) -> aichain.gov.v1.Vote
} as const;

export function govState(storePrefix: Uint8Array) {
  const s = new Schema(storePrefix);
  const byStatus = s.keySet(KEY.byStatus, 'by_status', tupleKey(u8Key, u64Key));
  const depositQueue = s.keySet(KEY.depositQueue, 'deposit_queue', tupleKey(u64Key, u64Key));
  const votingQueue = s.keySet(KEY.votingQueue, 'voting_queue', tupleKey(u64Key, u64Key));
  const S = ProposalStatus;
  return {
    params: s.item(KEY.params, 'params', protoValue(Params)),
    nextId: s.sequence(KEY.nextId, 'next_id'),
    proposals: s.indexedMap(KEY.proposal, 'proposals', u64Key, protoValue(Proposal), [
      index(byStatus, (id: bigint, p: Proposal): [number, bigint] => [p.status, id]),
      index(depositQueue, (id: bigint, p: Proposal): [bigint, bigint] | undefined =>
        p.status === S.PROPOSAL_STATUS_DEPOSIT_PERIOD ? [BigInt(p.depositEndTime), id] : undefined,
      ),
      index(votingQueue, (id: bigint, p: Proposal): [bigint, bigint] | undefined =>
        p.status === S.PROPOSAL_STATUS_VOTING_PERIOD ? [BigInt(p.votingEndTime), id] : undefined,
      ),
    ]),
    byStatus,
    depositQueue,
    votingQueue,
    deposits: s.map(KEY.deposit, 'deposits', tupleKey(u64Key, addressKey), protoValue(Deposit)),
    votes: s.map(KEY.vote, 'votes', tupleKey(u64Key, addressKey), protoValue(Vote)),
  };
}
export type GovState = ReturnType<typeof govState>;
