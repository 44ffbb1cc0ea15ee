// The gov module's registered errors, with the Cosmos SDK's x/gov codes where it has one.
import { registerError } from '../../chain/types/errors.js';

export const CODESPACE = 'gov';
export const govErrors = {
  unknownProposal: registerError(CODESPACE, 2, 'unknown proposal'),
  inactiveProposal: registerError(CODESPACE, 3, 'inactive proposal'),
  invalidProposalContent: registerError(CODESPACE, 5, 'invalid proposal content'),
  invalidProposalType: registerError(CODESPACE, 6, 'invalid proposal type'),
  invalidVote: registerError(CODESPACE, 7, 'invalid vote option'),
  invalidGenesis: registerError(CODESPACE, 8, 'invalid genesis state'),
  unroutableProposalMsg: registerError(CODESPACE, 10, 'proposal message not recognized by router'),
  noProposalMsgs: registerError(CODESPACE, 11, 'no messages proposed'),
  invalidProposalMsg: registerError(CODESPACE, 12, 'invalid proposal message'),
  invalidSigner: registerError(CODESPACE, 13, 'expected gov account as only signer for proposal message'),
  metadataTooLong: registerError(CODESPACE, 15, 'metadata too long'),
  minDepositTooSmall: registerError(CODESPACE, 16, 'minimum deposit is too small'),
  invalidProposer: registerError(CODESPACE, 18, 'invalid proposer'),
  votingPeriodEnded: registerError(CODESPACE, 20, 'voting period already ended'),
  invalidProposal: registerError(CODESPACE, 21, 'invalid proposal'),
  summaryTooLong: registerError(CODESPACE, 22, 'summary too long'),
  invalidDepositDenom: registerError(CODESPACE, 23, 'invalid deposit denom'),
  invalidParams: registerError(CODESPACE, 24, 'invalid gov params'),
  invalidWeightedVote: registerError(CODESPACE, 25, 'weighted vote options must be distinct, positive and sum to 1'),
};
