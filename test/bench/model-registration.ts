// Benchmark: what registering a model costs per byte of ONNX, in gas (charged: tx size + gas_per_model_byte + the
// store's write cost, all per byte) and in time (FinalizeBlock + Commit: decode, signature, the static model check,
// the write of the bytes into the Merkle store), from the slope between a small and large model in the same run, so
// the fixed costs (signature, account, bond transfer) cancel out.
// Run: node --import tsx test/bench/model-registration.ts (or via npm run bench model-registration).
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { devAccounts, initChain, openApp, removeDir, runBlock, signTx } from '../support/app-harness.js';
import { modelsAppState, registerModelMsg, wideMlp } from '../unit/modules/models/helpers.js';

const SIZES = [32, 128, 256]; // a square MatMul of n×n float32 weights: ~4n² bytes (4 KiB, 64 KiB, 256 KiB)

export async function run() {
  const [a] = await devAccounts(1);
  const ta = await openApp();
  await initChain(
    ta.app,
    modelsAppState([a], { max_model_bytes: '1000000', max_param_count: '1000000', max_flops: '1000000' }),
  );
  await runBlock(ta.app, []);
  const rows: Array<{ bytes: number; gas: bigint; ms: number }> = [];
  for (const [i, n] of SIZES.entries()) {
    const model = wideMlp(n);
    const spec = {
      inputs: [{ name: 'x', dtype: 'float32', shape: [1n, BigInt(n)] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1n, BigInt(n)] }],
    };
    const tx = await signTx(a, [registerModelMsg(a.address, model, { spec })], {
      accountNumber: 0n,
      sequence: BigInt(i),
      gas: 50_000_000,
      fee: [{ denom: 'uaic', amount: '1250000' }],
    });
    const t0 = performance.now();
    const res = await runBlock(ta.app, [tx]);
    const ms = performance.now() - t0;
    if (res.txResults[0].code) throw new Error(res.txResults[0].log);
    rows.push({ bytes: model.length, gas: res.txResults[0].gasUsed, ms });
  }
  await ta.close();
  removeDir(ta.dir);

  console.log('\n## model registration cost by size (FinalizeBlock + Commit, one MsgRegisterModel per block)');
  console.log('| model bytes | gas used | ms |');
  console.log('| ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.bytes} | ${r.gas} | ${r.ms.toFixed(1)} |`);
  const lo = rows[0],
    hi = rows.at(-1)!;
  const gasPerByte = Number(hi.gas - lo.gas) / (hi.bytes - lo.bytes);
  const usPerByte = ((hi.ms - lo.ms) * 1000) / (hi.bytes - lo.bytes);
  console.log(`slope: ${gasPerByte.toFixed(1)} gas per model byte, ${(usPerByte * 1024).toFixed(1)} µs per KiB`);
  return { gasPerByte, usPerKiB: usPerByte * 1024, rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
