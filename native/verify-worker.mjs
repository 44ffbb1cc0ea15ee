// Worker-thread entry for verify-pool.ts. Plain JS (no tsx in workers). Receives one packed ArrayBuffer per chunk:
// RECORD bytes per item = flag(1, 1 = well-formed) ‖ msgHash(32) ‖ sig(64) ‖ pubKey(33); answers with one byte per
// item (1 = valid), transferring the buffer back.
import { parentPort, workerData } from 'node:worker_threads';
import { pickBackend } from './secp256k1-backends.mjs';

const RECORD = 130;
const { backend, verify, loadError } = pickBackend(workerData?.prefer ?? 'native');
parentPort.postMessage({ type: 'ready', backend, loadError });

parentPort.on('message', (job) => {
  const { id, buf, count } = job;
  const out = new Uint8Array(count);
  try {
    const u8 = new Uint8Array(buf);
    for (let i = 0; i < count; i++) {
      const o = i * RECORD;
      if (u8[o] !== 1) continue;
      out[i] = verify(u8.subarray(o + 1, o + 33), u8.subarray(o + 33, o + 97), u8.subarray(o + 97, o + 130)) ? 1 : 0;
    }
    parentPort.postMessage({ type: 'result', id, out: out.buffer }, [out.buffer]);
  } catch (err) {
    parentPort.postMessage({ type: 'error', id, error: String((err && err.stack) || err) });
  }
});
