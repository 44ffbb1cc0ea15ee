import test from 'tape';
import { readFileSync } from 'node:fs';
import { Request, Response } from 'cosmjs-types/tendermint/abci/types';
import {
  decodeRequest,
  encodeRequestFrame,
  encodeResponseFrame,
  exceptionFrame,
  requestMethod,
  responseMethod,
  AbciRequestError,
  APP_METHODS,
  REQUEST_METHODS,
  type RequestMethod,
} from '../../../chain/abci/codec.js';
import { encodeFrame, splitFrames } from '../../../chain/abci/framing.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const dir = new URL('../../fixtures/cometbft-0.38.25/abci/', import.meta.url);
/** "FinalizeBlock" (as in the .jsonl files) -> "finalizeBlock" (the oneof name). */
const oneofName = (m: string) => m[0].toLowerCase() + m.slice(1);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AbciRequestError ? e.code : `other: ${(e as Error).message}`;
  }
  return undefined;
}

test('Flush is 02 12 00 as a request and 02 1a 00 as a response', (t) => {
  t.equal(hex(encodeRequestFrame({ flush: {} })), '021200');
  t.equal(hex(encodeResponseFrame({ flush: {} })), '021a00');
  t.end();
});

test('every recorded frame decodes to the method the recording names, and re-encodes to the same bytes', (t) => {
  for (const scenario of ['fresh', 'restart', 'replay', 'four-validators']) {
    for (const conn of ['query', 'mempool', 'consensus']) {
      const reqs = splitFrames(readFileSync(new URL(`${scenario}/${conn}.requests.bin`, dir)));
      const ress = splitFrames(readFileSync(new URL(`${scenario}/${conn}.responses.bin`, dir)));
      const names = readFileSync(new URL(`${scenario}/${conn}.requests.jsonl`, dir), 'utf8')
        .trim()
        .split('\n')
        .map((l) => oneofName(JSON.parse(l).method as string));
      const got = reqs.map((f) => decodeRequest(f).method);
      t.deepEqual(got, names, `${scenario}/${conn}: ${got.length} request methods`);
      t.deepEqual(
        ress.map((f) => responseMethod(Response.decode(f))),
        names,
        `${scenario}/${conn}: response i answers request i`,
      );
      const same = ress.every((f) => hex(Response.encode(Response.decode(f)).finish()) === hex(f));
      t.ok(same, `${scenario}/${conn}: responses re-encode byte for byte`);
    }
  }
  t.end();
});

test('frames that are not a usable request get a coded error', (t) => {
  t.equal(
    codeOf(() => decodeRequest(new Uint8Array())),
    'NO_METHOD',
    'empty body',
  );
  t.equal(
    codeOf(() => decodeRequest(Uint8Array.of(0xf2, 0x01, 0x00))),
    'NO_METHOD',
    'only an unknown field (30)',
  );
  t.equal(
    codeOf(() => decodeRequest(Uint8Array.of(0x12, 0x05, 0x01))),
    'UNDECODABLE',
    'length runs past the end',
  );
  t.equal(
    codeOf(() => decodeRequest(Uint8Array.of(0xff, 0xff, 0xff))),
    'UNDECODABLE',
    'garbage',
  );
  t.equal(
    codeOf(() => decodeRequest(Uint8Array.of(0x12, 0x00, 0x1a, 0x00))),
    'MANY_METHODS',
    'flush and info at once',
  );
  t.equal(
    codeOf(() => requestMethod({})),
    'NO_METHOD',
    'an empty Request object',
  );
  t.end();
});

test('each method name is a request oneof, and only those', (t) => {
  t.equal(REQUEST_METHODS.length, 16, 'echo, flush and 14 app methods');
  for (const m of REQUEST_METHODS) {
    const req = Request.fromPartial({ [m]: {} } as Partial<Record<RequestMethod, object>>);
    t.equal(decodeRequest(Request.encode(req).finish()).method, m, `${m} round trips`);
  }
  t.ok(
    APP_METHODS.every((m: string) => m !== 'echo' && m !== 'flush'),
    'echo and flush are not app methods',
  );
  t.end();
});

test('an exception frame carries the error text', (t) => {
  const [body] = splitFrames(exceptionFrame('boom'));
  t.equal(responseMethod(Response.decode(body)), 'exception', 'an exception response');
  t.equal(Response.decode(body).exception?.error, 'boom', 'with the text');
  t.equal(hex(encodeFrame(body)), hex(exceptionFrame('boom')));
  t.end();
});
