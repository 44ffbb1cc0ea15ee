// Target tx: tx decode + ante (chain/tx) through CheckTx of a real app, on mutated valid signed txs of every message
// kind. Checks: CheckTx answers with a registered code, never the internal code 1; committed state never moves;
// and, in batches, the rejected txs go through FinalizeBlock + Commit as a block, beside a twin app that gets an
// empty block: each must fail in the block with the code CheckTx gave, and both apps must reach the same app hash
// (a rejected tx leaves no trace). Only the signed originals may be accepted (any other bytes CheckTx accepts are the
// same tx under another hash); after one is, an empty block on both apps resets CheckTx's state so the corpus keeps
// its sequences.
import { CheckTxType } from 'cosmjs-types/tendermint/abci/types';
import { GENESIS_TIME } from '../../support/app-harness.js';
import { FuzzFailure, type FuzzTarget } from '../target.js';
import { openFuzzApp } from './app.js';

const BATCH = 64;

export async function txTarget(_seed: number): Promise<FuzzTarget> {
  const fx = await openFuzzApp();
  const twin = await openFuzzApp();
  const counts = { rejected: 0, accepted: 0, recheckAccepted: 0, blocks: 0 };
  const originals = new Set(fx.sampleTxs.map((b) => Buffer.from(b).toString('hex')));
  let batch: Array<{ tx: Uint8Array; code: number; codespace: string }> = [];

  async function block(txs: Uint8Array[]) {
    const h = fx.app.store.version + 1n;
    const req = (t: Uint8Array[]) => ({
      txs: t,
      decidedLastCommit: { round: 0, votes: [] },
      misbehavior: [],
      hash: new Uint8Array(32),
      height: h,
      time: { seconds: GENESIS_TIME.seconds + h, nanos: 0 },
      nextValidatorsHash: new Uint8Array(32),
      proposerAddress: new Uint8Array(20),
    });
    const a = await fx.app.finalizeBlock(req(txs));
    const b = await twin.app.finalizeBlock(req([]));
    await fx.app.commit({});
    await twin.app.commit({});
    fx.rebaseline();
    twin.rebaseline();
    counts.blocks++;
    return { a, b };
  }

  async function flush() {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    const { a, b } = await block(items.map((x) => x.tx));
    a.txResults.forEach((r, i) => {
      if (r.code !== items[i].code || r.codespace !== items[i].codespace) {
        throw Object.assign(
          new FuzzFailure(
            `CheckTx refused this tx with ${items[i].codespace}/${items[i].code}, FinalizeBlock gave ${r.codespace}/${r.code}: ${r.log} ${fx.takeErrors()}`,
            'mismatch',
          ),
          { input: items[i].tx },
        );
      }
    });
    if (Buffer.compare(a.appHash, b.appHash) !== 0) {
      throw Object.assign(
        new FuzzFailure(
          `a block of ${items.length} rejected txs changed state: app hash differs from an empty block's`,
          'state-change',
        ),
        { input: items[0].tx },
      );
    }
  }

  return {
    name: 'tx',
    corpus: fx.sampleTxs,
    async run(input) {
      // Now and then as ReCheckTx (the mempool's re-check after a block). ReCheckTx skips signature verification, as
      // the SDK's does (every tx it sees passed CheckTx before), so there a mutant may pass and a refusal may differ
      // from FinalizeBlock's: only "coded answer, no state change" applies.
      const recheck = input.length % 7 === 0;
      const r = await fx.app.checkTx({ tx: input, type: recheck ? CheckTxType.RECHECK : CheckTxType.NEW });
      if (r.code === 1)
        throw new FuzzFailure(`CheckTx answered the internal error code 1 (an uncoded exception): ${fx.takeErrors()}`);
      fx.assertUnchanged('CheckTx');
      if (r.code === 0) {
        counts.accepted++;
        if (recheck) counts.recheckAccepted++;
        else if (!originals.has(Buffer.from(input).toString('hex'))) {
          // Only the signed bytes themselves may pass: anything else is the same tx under another hash.
          throw new FuzzFailure(
            'CheckTx accepted bytes that differ from every signed original (tx malleability)',
            'mismatch',
          );
        }
        await flush();
        await block([]); // resets both apps' CheckTx state to committed state
        return;
      }
      counts.rejected++;
      if (recheck) return;
      batch.push({ tx: input, code: r.code, codespace: r.codespace });
      if (batch.length >= BATCH) await flush();
    },
    flush,
    stats: () => ({ ...counts }),
    async close() {
      await fx.close();
      await twin.close();
    },
  };
}
