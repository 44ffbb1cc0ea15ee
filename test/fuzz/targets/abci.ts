// Target abci: the ABCI socket's frame reader (chain/abci/framing.ts) and request decoder (chain/abci/codec.ts) on
// mutated recordings of real CometBFT traffic (test/fixtures) and frames of our own. Checks: only FramingError and
// AbciRequestError are thrown; the same bytes pushed in one piece and in random pieces give the same frames and the
// same error; the requests that carry outside bytes (CheckTx from the mempool, Query from any RPC user, Info, Echo)
// go to a real app, which must answer with a coded response that encodes, and leave its committed state alone.
import { readdirSync, readFileSync } from 'node:fs';
import { Response, type Request } from 'cosmjs-types/tendermint/abci/types';
import { QueryBalanceRequest } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { FrameDecoder, FramingError, encodeFrame } from '../../../chain/abci/framing.js';
import { AbciRequestError, decodeRequest, encodeRequestFrame } from '../../../chain/abci/codec.js';
import { xorshift32 } from '../../support/prng.js';
import { FuzzFailure, type FuzzTarget } from '../target.js';
import { concat } from '../mutate.js';
import { openFuzzApp } from './app.js';

const MAX_FRAME = 1 << 20;
const FIXTURES = new URL('../../fixtures/cometbft-0.38.25/abci/', import.meta.url);

/** Every recorded request stream, split into frames. */
function recordedFrames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const scenario of readdirSync(FIXTURES)) {
    for (const f of readdirSync(new URL(`${scenario}/`, FIXTURES))) {
      if (!f.endsWith('.requests.bin')) continue;
      const d = new FrameDecoder();
      out.push(...d.push(new Uint8Array(readFileSync(new URL(`${scenario}/${f}`, FIXTURES)))));
    }
  }
  return out;
}

interface Framed {
  frames: string[];
  error?: string;
  boundary: boolean;
}

function frameAll(chunks: Uint8Array[]): Framed {
  const d = new FrameDecoder(MAX_FRAME);
  const frames: string[] = [];
  for (const c of chunks) {
    try {
      for (const f of d.push(c)) frames.push(Buffer.from(f).toString('hex'));
    } catch (e) {
      if (!(e instanceof FramingError))
        throw new FuzzFailure(`FrameDecoder threw ${(e as Error)?.name}: ${(e as Error)?.stack ?? e}`);
      for (const f of e.framesBefore) frames.push(Buffer.from(f).toString('hex'));
      return { frames, error: e.code, boundary: false };
    }
  }
  return { frames, boundary: d.atFrameBoundary };
}

export async function abciTarget(seed: number): Promise<FuzzTarget> {
  const fx = await openFuzzApp();
  const recorded = recordedFrames();
  const tx = fx.sampleTxs[0];
  const ours: Request[] = [
    { checkTx: { tx, type: 0 } },
    { checkTx: { tx, type: 1 } },
    { echo: { message: 'hello' } },
    { flush: {} },
    { info: { version: '0.38.25', blockVersion: 11n, p2pVersion: 8n, abciVersion: '2.0.0' } },
    {
      query: {
        path: '/cosmos.bank.v1beta1.Query/Balance',
        data: QueryBalanceRequest.encode({ address: fx.address, denom: 'uaic' }).finish(),
        height: 0n,
        prove: false,
      },
    },
    { query: { path: '/store/key', data: Uint8Array.of(1, 2, 3), height: 1n, prove: true } },
  ];
  const ourFrames = ours.map((q) => encodeRequestFrame(q));
  // Corpus entries are short streams: one to four consecutive frames.
  const all = [...recorded.map((f) => encodeFrame(f)), ...ourFrames];
  const corpus: Uint8Array[] = [...ourFrames];
  const r0 = xorshift32(seed);
  for (let i = 0; i < 200 && all.length; i++) {
    const at = r0.below(all.length);
    corpus.push(concat(...all.slice(at, at + 1 + r0.below(4))));
  }
  const counts = { frames: 0, decoded: 0, appCalls: 0, framingErrors: 0, badRequests: 0 };

  return {
    name: 'abci',
    corpus,
    async run(input) {
      const whole = frameAll([input]);
      // The same bytes in pieces (cut points from the input itself, so a replay cuts the same way).
      const cuts = xorshift32((input.length * 2654435761 + (input[0] ?? 0)) >>> 0);
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < input.length; ) {
        const n = 1 + cuts.below(Math.max(1, Math.min(64, input.length - at)));
        pieces.push(input.subarray(at, at + n));
        at += n;
      }
      const split = frameAll(pieces);
      if (JSON.stringify(whole) !== JSON.stringify(split)) {
        throw new FuzzFailure(
          `framing depends on how the bytes arrive: whole ${whole.frames.length} frames/${whole.error ?? 'ok'}, in ${pieces.length} pieces ${split.frames.length} frames/${split.error ?? 'ok'}`,
          'mismatch',
        );
      }
      if (whole.error) counts.framingErrors++;
      for (const hex of whole.frames) {
        counts.frames++;
        let req: Request, method: string;
        try {
          ({ request: req, method } = decodeRequest(Buffer.from(hex, 'hex')));
        } catch (e) {
          if (e instanceof AbciRequestError) {
            counts.badRequests++;
            continue;
          }
          throw new FuzzFailure(
            `decodeRequest threw ${(e as Error)?.name}, not an AbciRequestError: ${(e as Error)?.stack ?? e}`,
          );
        }
        counts.decoded++;
        let res: Response | undefined;
        if (method === 'checkTx') res = { checkTx: await fx.app.checkTx(req.checkTx!) };
        else if (method === 'query') res = { query: await fx.app.query(req.query!) };
        else if (method === 'info') res = { info: await fx.app.info(req.info!) };
        if (!res) continue;
        counts.appCalls++;
        try {
          Response.encode(res).finish();
        } catch (e) {
          throw new FuzzFailure(`the app's ${method} answer does not encode: ${(e as Error)?.message}`);
        }
        const code = res.checkTx?.code ?? res.query?.code;
        if (code === 1)
          throw new FuzzFailure(
            `${method} answered the internal error code 1: ${res.checkTx?.log ?? res.query?.log} ${fx.takeErrors()}`,
          );
        fx.assertUnchanged(method);
      }
    },
    stats: () => ({ ...counts }),
    close: () => fx.close(),
  };
}
