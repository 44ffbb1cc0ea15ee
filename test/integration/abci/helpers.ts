// Test helpers for the ABCI socket server: a raw client that speaks the wire format as CometBFT does, the recorded
// CometBFT streams, and a seeded PRNG for chunked writes.
import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Response } from 'cosmjs-types/tendermint/abci/types';
import { FrameDecoder, splitFrames } from '../../../chain/abci/framing.js';
import { responseMethod, type ResponseMethod } from '../../../chain/abci/codec.js';

export const FIXTURE_DIR = new URL('../../fixtures/cometbft-0.38.25/abci/', import.meta.url).pathname;
export const SCENARIOS = ['fresh', 'restart', 'replay', 'four-validators'] as const;
/** The order CometBFT opens its connections in. */
export const CONNECTIONS = ['query', 'snapshot', 'mempool', 'consensus'] as const;
export type ConnName = (typeof CONNECTIONS)[number];

export interface RecordedStream {
  requestBytes: Uint8Array;
  requests: Uint8Array[];
  responses: Uint8Array[];
}

export function loadStream(scenario: string, conn: ConnName): RecordedStream {
  const requestBytes = readFileSync(join(FIXTURE_DIR, scenario, `${conn}.requests.bin`));
  const responseBytes = readFileSync(join(FIXTURE_DIR, scenario, `${conn}.responses.bin`));
  return { requestBytes, requests: splitFrames(requestBytes), responses: splitFrames(responseBytes) };
}

/** mulberry32: a tiny seeded PRNG, so a failing chunking can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nextTick = () => new Promise<void>((r) => setImmediate(r));

/** A bare ABCI client: writes raw bytes, collects response frames, notices when the server closes. */
export class RawAbciClient {
  /** Response frame bodies received so far, in order. */
  readonly frames: Uint8Array[] = [];
  /** Resolves when the server has closed the connection. */
  readonly closed: Promise<void>;
  private readonly decoder = new FrameDecoder();
  private waiters: { n: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private isClosed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      for (const f of this.decoder.push(d)) this.frames.push(f);
      this.settle();
    });
    socket.on('error', () => {
      /* a reset after an exception is expected; 'close' follows */
    });
    this.closed = new Promise((r) =>
      socket.on('close', () => {
        this.isClosed = true;
        this.settle();
        r();
      }),
    );
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawAbciClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, host, () => {
        s.off('error', reject);
        resolve(new RawAbciClient(s));
      });
      s.once('error', reject);
    });
  }

  static connectPath(path: string): Promise<RawAbciClient> {
    return new Promise((resolve, reject) => {
      const s = connect(path, () => {
        s.off('error', reject);
        resolve(new RawAbciClient(s));
      });
      s.once('error', reject);
    });
  }

  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** Writes bytes in random-sized pieces (1 byte up to ~2 KiB), yielding to the event loop between them. */
  async writeChunked(bytes: Uint8Array, rand: () => number): Promise<void> {
    let at = 0;
    while (at < bytes.length) {
      const r = rand();
      const size =
        r < 0.5 ? 1 + Math.floor(rand() * 8) : r < 0.9 ? 1 + Math.floor(rand() * 200) : 1 + Math.floor(rand() * 2048);
      this.socket.write(bytes.subarray(at, at + size));
      at += size;
      await nextTick();
    }
  }

  /** Resolves with the first n frames once they have arrived; rejects if the connection closes before. */
  waitFrames(n: number): Promise<Uint8Array[]> {
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ n, resolve, reject });
      this.settle();
    }).then(() => this.frames.slice(0, n));
  }

  /** The responses decoded. */
  decoded(): Response[] {
    return this.frames.map((f) => Response.decode(f));
  }

  kinds(): (ResponseMethod | undefined)[] {
    return this.decoded().map(responseMethod);
  }

  end(): Promise<void> {
    this.socket.end();
    return this.closed;
  }

  private settle(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.frames.length >= w.n) {
        w.resolve();
        return false;
      }
      if (this.isClosed) {
        w.reject(new Error(`connection closed after ${this.frames.length} of ${w.n} frames`));
        return false;
      }
      return true;
    });
  }
}
