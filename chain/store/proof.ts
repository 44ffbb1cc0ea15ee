// ICS23 proofs for the tree. A leaf op is sha256(0x00 ‖ sha256(key) ‖ sha256(value)); each inner op is
// sha256(0x01 ‖ left ‖ right) written as prefix 0x01 (‖ left sibling when we are the right child) and suffix
// (right sibling when we are the left child); an empty sibling is 32 zero bytes.
//
// Non-existence proofs: @confio/ics23 0.6.8 checks a non-existence proof by comparing the *raw* keys of the two
// neighbour leaves with the absent key and requiring them to be adjacent in the tree. Our leaves are ordered by
// sha256(key), not by key, so tree neighbours are generally not raw-key neighbours, and 0.6.8 has no
// "prehash key before comparison" option (later ics23 versions do). So absent keys get no proof (undefined).
import { ics23, verifyMembership } from '@confio/ics23';
import { HashOp, LengthOp, type CommitmentProof, type InnerOp } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import { ZERO32 } from './hash.js';
import type { KeyPath } from './tree.js';

/** The ProofSpec of this tree, for `@confio/ics23`'s verifyMembership (and for light clients). */
export const aichainProofSpec: ics23.IProofSpec = {
  leafSpec: {
    hash: ics23.HashOp.SHA256,
    prehashKey: ics23.HashOp.SHA256,
    prehashValue: ics23.HashOp.SHA256,
    length: ics23.LengthOp.NO_PREFIX,
    prefix: Uint8Array.from([0]),
  },
  innerSpec: {
    childOrder: [0, 1],
    childSize: 32,
    minPrefixLength: 1,
    maxPrefixLength: 1,
    emptyChild: new Uint8Array(32),
    hash: ics23.HashOp.SHA256,
  },
  maxDepth: 256,
};

const INNER_PREFIX = Uint8Array.from([1]);
const EMPTY = new Uint8Array(0);

/** The existence proof of `key` = `value` from a found path, or undefined when the key is absent. */
export function existenceProof(key: Uint8Array, p: KeyPath): CommitmentProof | undefined {
  if (!p.leaf) return undefined;
  const path: InnerOp[] = [];
  for (let i = p.siblings.length - 1; i >= 0; i--) {
    const { bit, hash } = p.siblings[i];
    const sib = hash ?? ZERO32;
    path.push(
      bit
        ? { hash: HashOp.SHA256, prefix: Buffer.concat([INNER_PREFIX, sib]), suffix: EMPTY }
        : { hash: HashOp.SHA256, prefix: INNER_PREFIX, suffix: sib },
    );
  }
  return {
    exist: {
      key,
      value: p.leaf.value,
      leaf: {
        hash: HashOp.SHA256,
        prehashKey: HashOp.SHA256,
        prehashValue: HashOp.SHA256,
        length: LengthOp.NO_PREFIX,
        prefix: Uint8Array.from([0]),
      },
      path,
    },
  };
}

/**
 * verifyMembership with this tree's spec. cosmjs-types and @confio/ics23 describe the same protobuf with
 * different TS enums (same numbers), hence the cast. Note ics23 refuses to prove an empty value.
 */
export function verifyProof(proof: CommitmentProof, root: Uint8Array, key: Uint8Array, value: Uint8Array): boolean {
  return verifyMembership(proof as unknown as ics23.ICommitmentProof, aichainProofSpec, root, key, value);
}
