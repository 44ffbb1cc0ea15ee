// TxRaw must arrive in its one canonical encoding (ADR-027, stricter): the fuzzer found CheckTx accepting the same
// signed tx under other encodings (a length-delimited field read under another wire type, a repeated body or auth
// info field where the last one wins), each with its own tx hash.
import test from 'tape';
import { CheckTxType } from 'cosmjs-types/tendermint/abci/types';
import { checkTxRawEncoding } from '../../../chain/tx/decode.js';
import { CodedError } from '../../../chain/types/errors.js';
import { initChain, openApp, removeDir, runBlock, testAppState, type TestAccount } from '../../support/app-harness.js';
import { simAccounts, signTx } from '../../simulation/keys.js';

const accs = simAccounts(2);
const t0 = await openApp();
await initChain(t0.app, testAppState(accs as unknown as TestAccount[]));
await runBlock(t0.app, []);
const tx = signTx(
  accs[0],
  [
    {
      typeUrl: '/cosmos.bank.v1beta1.MsgSend',
      value: { fromAddress: accs[0].address, toAddress: accs[1].address, amount: [{ denom: 'uaic', amount: '5' }] },
    },
  ],
  { accountNumber: 0n, sequence: 0n },
);
test.onFinish(async () => {
  await t0.close();
  removeDir(t0.dir);
});

/** The fields of a canonical TxRaw: [tag byte, length bytes, value]. */
function fields(b: Uint8Array): Array<{ tag: number; len: Uint8Array; value: Uint8Array }> {
  const out = [];
  let at = 0;
  while (at < b.length) {
    const tag = b[at++];
    let len = 0,
      scale = 1;
    const start = at;
    for (;;) {
      const x = b[at++];
      len += (x & 0x7f) * scale;
      if (!(x & 0x80)) break;
      scale *= 128;
    }
    out.push({ tag, len: b.subarray(start, at), value: b.subarray(at, at + len) });
    at += len;
  }
  return out;
}
const join = (fs: Array<{ tag: number; len: Uint8Array; value: Uint8Array }>) =>
  Uint8Array.from(fs.flatMap((f) => [f.tag, ...f.len, ...f.value]));

test('CheckTx accepts the canonical encoding and refuses every other encoding of the same tx with tx parse error', async (t) => {
  const [body, auth, sig] = fields(tx);
  t.deepEqual(
    [body.tag, auth.tag, sig.tag],
    [0x0a, 0x12, 0x1a],
    'the signed tx has body, auth info and one signature, in order',
  );
  const variants: Array<[string, Uint8Array]> = [
    ['auth info tag with wire type 6 (0x16)', join([body, { ...auth, tag: 0x16 }, sig])],
    ['auth info tag with wire type 0 (0x10)', join([body, { ...auth, tag: 0x10 }, sig])],
    ['body tag with wire type 6 (0x0e)', join([{ ...body, tag: 0x0e }, auth, sig])],
    ['body repeated (the last one wins in protobuf)', join([body, body, auth, sig])],
    ['auth info after the signature', join([body, sig, auth])],
    ['an unknown field 4', join([body, auth, sig, { tag: 0x22, len: Uint8Array.of(1), value: Uint8Array.of(7) }])],
    ['a non-minimal length prefix', join([body, auth, { ...sig, len: Uint8Array.of(0x80 | sig.value.length, 0x00) }])],
    ['a two-byte tag for field 1', Uint8Array.from([0x8a, 0x00, ...join([body]).subarray(1), ...join([auth, sig])])],
  ];
  for (const [name, bytes] of variants) {
    t.throws(
      () => checkTxRawEncoding(bytes),
      (e: unknown) => e instanceof CodedError && e.codespace === 'sdk' && e.code === 2,
      `${name}: refused by the decoder`,
    );
    const r = await t0.app.checkTx({ tx: bytes, type: CheckTxType.NEW });
    t.deepEqual([r.codespace, r.code], ['sdk', 2], `${name}: CheckTx answers sdk/2 (${r.log})`);
  }
  t.doesNotThrow(() => checkTxRawEncoding(tx), 'the canonical bytes pass');
  const ok = await t0.app.checkTx({ tx, type: CheckTxType.NEW });
  t.equal(ok.code, 0, `the canonical tx is accepted (${ok.log})`);
});
