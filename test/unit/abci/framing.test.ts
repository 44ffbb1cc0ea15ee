import test from 'tape';
import { readFileSync } from 'node:fs';
import {
  encodeUvarint,
  decodeUvarint,
  encodeFrame,
  FrameDecoder,
  FramingError,
  splitFrames,
  DEFAULT_MAX_FRAME_BYTES,
} from '../../../chain/abci/framing.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fixture = (p: string) => readFileSync(new URL(`../../fixtures/cometbft-0.38.25/abci/${p}`, import.meta.url));

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.length)));
}

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof FramingError ? e.code : `not a FramingError: ${(e as Error).message}`;
  }
  return undefined;
}

test('uvarint encodes as unsigned LEB128 and decodes back', (t) => {
  const cases: [number, string][] = [
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [16384, '808001'],
    [2 ** 32, '8080808010'],
    [Number.MAX_SAFE_INTEGER, 'ffffffffffffff0f'],
  ];
  for (const [n, h] of cases) {
    t.equal(hex(encodeUvarint(n)), h, `encode ${n}`);
    t.deepEqual(decodeUvarint(Buffer.from(h, 'hex')), { value: n, bytes: h.length / 2 }, `decode ${h}`);
  }
  t.equal(decodeUvarint(Buffer.from('80', 'hex')), undefined, 'an unfinished varint is incomplete, not an error');
  t.throws(() => encodeUvarint(-1), RangeError, 'negative rejected');
  t.throws(() => encodeUvarint(1.5), RangeError, 'fraction rejected');
  t.end();
});

test('a frame is its unsigned varint length then the message (not zigzag)', (t) => {
  t.equal(hex(encodeFrame(Uint8Array.of(0x12, 0x00))), '021200', 'flush request as on the wire');
  const big = new Uint8Array(200).fill(7);
  t.equal(hex(encodeFrame(big).subarray(0, 2)), 'c801', '200-byte message gets a 2-byte prefix');
  t.deepEqual(splitFrames(encodeFrame(big)).map(hex), [hex(big)], 'round trip');
  t.deepEqual(splitFrames(encodeFrame(new Uint8Array())).map(hex), [''], 'an empty frame is one frame');
  t.end();
});

test('coalesced frames in one push all come out, in order', (t) => {
  const msgs = [Uint8Array.of(1), new Uint8Array(0), new Uint8Array(300).fill(9), Uint8Array.of(0x12, 0x00)];
  const d = new FrameDecoder();
  t.deepEqual(d.push(concat(msgs.map(encodeFrame))).map(hex), msgs.map(hex), 'all frames of one chunk');
  t.ok(d.atFrameBoundary, 'nothing left over');
  t.end();
});

for (const stream of [
  'fresh/consensus.requests.bin',
  'fresh/consensus.responses.bin',
  'four-validators/mempool.requests.bin',
]) {
  test(`${stream}: cut at every byte boundary it decodes to the same frames`, (t) => {
    const bytes = fixture(stream);
    const whole = splitFrames(bytes);
    t.ok(whole.length > 1, `${whole.length} frames in the recording`);
    t.equal(hex(concat(whole.map(encodeFrame))), hex(bytes), 're-framing gives the recorded bytes');
    let bad = 0;
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new FrameDecoder();
      const got = [...d.push(bytes.subarray(0, cut)), ...d.push(bytes.subarray(cut))];
      if (got.length !== whole.length || got.some((f, i) => hex(f) !== hex(whole[i])) || !d.atFrameBoundary) {
        bad++;
        if (bad < 5) t.fail(`cut at byte ${cut} changed the frames`);
      }
    }
    t.equal(bad, 0, `every one of ${bytes.length + 1} cuts gives the same frames`);

    const d = new FrameDecoder();
    const oneByOne: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i++) oneByOne.push(...d.push(bytes.subarray(i, i + 1)));
    t.deepEqual(oneByOne.map(hex), whole.map(hex), 'fed one byte at a time');
    t.end();
  });
}

test('absurd lengths are rejected as soon as the prefix shows them', (t) => {
  t.equal(DEFAULT_MAX_FRAME_BYTES, 64 * 1024 * 1024, 'default limit is 64 MiB');
  const d = new FrameDecoder(1000);
  t.deepEqual(
    d.push(encodeFrame(new Uint8Array(1000))).map((f) => f.length),
    [1000],
    'a frame at the limit passes',
  );
  t.equal(
    errorCode(() => d.push(encodeUvarint(1001))),
    'FRAME_TOO_LARGE',
    'limit + 1 is rejected before its body arrives',
  );
  t.equal(
    errorCode(() => d.push(Uint8Array.of(0x12, 0x00))),
    'DECODER_FAILED',
    'the stream stays failed',
  );
  t.equal(
    errorCode(() => new FrameDecoder().push(Buffer.from('ffffffff0f', 'hex'))),
    'FRAME_TOO_LARGE',
    '4 GiB with the default limit',
  );
  t.equal(
    errorCode(() => new FrameDecoder(1000).push(Buffer.from('ff', 'hex'))),
    undefined,
    'an unfinished prefix that may still fit waits',
  );
  t.equal(
    errorCode(() => new FrameDecoder(100).push(Buffer.from('ff', 'hex'))),
    'FRAME_TOO_LARGE',
    'an unfinished prefix already over the limit fails',
  );
  t.end();
});

test('frames before bad bytes in the same push are handed over with the error', (t) => {
  const good = [Uint8Array.of(1), Uint8Array.of(2, 3)];
  try {
    new FrameDecoder(100).push(concat([...good.map(encodeFrame), encodeUvarint(101)]));
    t.fail('no error');
  } catch (e) {
    t.equal((e as FramingError).code, 'FRAME_TOO_LARGE', 'the bad length');
    t.deepEqual((e as FramingError).framesBefore.map(hex), good.map(hex), 'the two good frames before it');
  }
  t.end();
});

test('malformed varints are rejected', (t) => {
  const max = Number.MAX_SAFE_INTEGER;
  t.equal(
    errorCode(() => new FrameDecoder(max).push(Buffer.from('80'.repeat(10) + '00', 'hex'))),
    'VARINT_TOO_LONG',
    '11-byte varint',
  );
  t.equal(
    errorCode(() => new FrameDecoder(max).push(Buffer.from('80'.repeat(10), 'hex'))),
    'VARINT_TOO_LONG',
    '10 bytes still continuing',
  );
  t.equal(
    errorCode(() => new FrameDecoder(max).push(Buffer.from('ffffffffffffffff7f', 'hex'))),
    'VARINT_TOO_LARGE',
    'above 2^53',
  );
  const d = new FrameDecoder(max);
  for (const b of Buffer.from('80'.repeat(9), 'hex'))
    t.deepEqual(d.push(Uint8Array.of(b)), [], 'continuation bytes one at a time wait');
  t.equal(
    errorCode(() => d.push(Uint8Array.of(0x80))),
    'VARINT_TOO_LONG',
    'the 10th continuation byte fails across chunks',
  );
  t.end();
});

test('splitFrames refuses a stream that stops inside a frame', (t) => {
  const f = encodeFrame(Uint8Array.of(1, 2, 3));
  t.equal(
    errorCode(() => splitFrames(f.subarray(0, 3))),
    'DECODER_FAILED',
    'cut inside the body',
  );
  t.equal(
    errorCode(() => splitFrames(f.subarray(0, 1))),
    'DECODER_FAILED',
    'cut right after the prefix',
  );
  t.end();
});
