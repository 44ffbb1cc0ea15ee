// A short run of every fuzz target (npm run fuzz runs them for longer): tx decode + ante through CheckTx and
// FinalizeBlock, the ABCI frame reader and request decoder, the dev node's JSON-RPC, and checkModel. Any finding
// fails the test and is saved under test/fuzz/crashes/ with its replay command.
import test from 'tape';
import { formatResults, replayCommand, runFuzz } from './run.js';
import { TARGETS } from './target.js';

const SEED = 0x5eed;
const SECONDS = Number(process.env.FUZZ_SMOKE_SECONDS ?? 2);

test(`fuzz smoke: ${TARGETS.join(', ')} for ${SECONDS} s each (seed ${SEED}): no crash, no hang, no state change`, async (t) => {
  // Generous bounds: CI machines are shared; npm run fuzz uses tighter ones.
  const { results, findings } = await runFuzz({
    seconds: SECONDS,
    seed: SEED,
    targets: [...TARGETS],
    inputMs: 5000,
    hangMs: 30_000,
    log: (l) => t.comment(l),
  });
  for (const line of formatResults(results)) t.comment(line);
  for (const name of TARGETS) {
    const r = results.find((x) => x.target === name);
    t.ok(r && r.inputs >= 5, `${name}: ran ${r?.inputs ?? 0} inputs`);
  }
  for (const f of findings)
    t.fail(
      `${f.target} (${f.kind}): ${f.message.slice(0, 1500)}${f.file ? `\n  replay: ${replayCommand(f.target, f.file)}` : ''}`,
    );
  t.equal(findings.length, 0, 'no findings');
  t.end();
});
