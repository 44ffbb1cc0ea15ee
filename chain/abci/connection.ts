// One ABCI socket connection: frames in, requests handled strictly one after another, responses out in the same
// order. Responses are collected and written when a Flush is answered (CometBFT flushes its side the same way), or
// earlier once enough bytes pile up; either way order is kept. Any failure answers `exception` and closes only this
// connection.
import type { Socket } from 'node:net';
import type { Response } from 'cosmjs-types/tendermint/abci/types';
import type { AbciApplication } from '../app/application.js';
import type { Logger } from '../logger.js';
import { FrameDecoder, FramingError } from './framing.js';
import {
  CONNECTION_OF,
  decodeRequest,
  encodeResponseFrame,
  exceptionFrame,
  isAppMethod,
  type RequestMethod,
} from './codec.js';

/** Write collected responses early once this many bytes wait, so a long pipeline does not grow without bound. */
const EARLY_WRITE_BYTES = 64 * 1024;
/** Stop reading the socket while this many requests wait for the app (TCP backpressure then slows the sender). */
const MAX_QUEUED_REQUESTS = 1024;

/** After answering an exception, how long the peer gets to read it before the socket is torn down. */
const CLOSE_GRACE_MS = 2000;

/** A queue entry: a frame body, or the framing error that ended the stream at that point. */
type Inbound = { body: Uint8Array } | { streamError: Error };

/** Apps may throw anything; logs and the exception text need a message. */
function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(typeof err === 'string' ? err : `non-Error thrown: ${String(err)}`);
}

export class AbciConnection {
  /** The connection's role once seen (query, mempool, consensus, snapshot), for logs. */
  kind: string | undefined;
  /** Resolves once the socket is closed and no request is in progress. */
  readonly finished: Promise<void>;

  private readonly decoder: FrameDecoder;
  private readonly queue: Inbound[] = [];
  private out: Uint8Array[] = [];
  private outBytes = 0;
  private running = false;
  private closed = false;
  private socketClosed = false;
  private streamBroken = false; // a framing error was seen: read nothing more
  private resolveFinished!: () => void;

  constructor(
    private readonly socket: Socket,
    private readonly app: AbciApplication,
    private readonly logger: Logger,
    maxFrameBytes: number,
  ) {
    this.decoder = new FrameDecoder(maxFrameBytes);
    this.finished = new Promise((r) => {
      this.resolveFinished = r;
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.logger.warn('abci socket error', { err: err.message }));
    socket.on('close', () => {
      this.socketClosed = true;
      this.closed = true;
      this.queue.length = 0;
      this.logger.info('abci connection closed', { kind: this.kind });
      this.maybeFinished();
    });
  }

  /** Drops the connection now (server shutdown). Requests not yet handled get no answer. */
  destroy(): void {
    this.closed = true;
    this.queue.length = 0;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let streamError: Error | undefined;
    try {
      for (const body of this.decoder.push(chunk)) this.queue.push({ body });
    } catch (err) {
      streamError = toError(err);
      if (err instanceof FramingError) for (const body of err.framesBefore) this.queue.push({ body });
    }
    if (streamError) {
      // Earlier requests are still answered in order; the error is answered in its place in the stream.
      this.streamBroken = true;
      this.queue.push({ streamError });
      this.socket.pause();
      this.socket.removeAllListeners('data');
    } else if (this.queue.length >= MAX_QUEUED_REQUESTS) {
      this.socket.pause();
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length && !this.closed) {
        const item = this.queue.shift()!;
        try {
          if ('streamError' in item) this.fail('bad frame', item.streamError);
          else await this.handle(item.body);
        } catch (err) {
          this.fail('internal error', toError(err)); // a bug here must not become an unhandled rejection
        }
        if (
          this.queue.length < MAX_QUEUED_REQUESTS / 2
          && this.socket.isPaused()
          && !this.closed
          && !this.streamBroken
        ) {
          this.socket.resume();
        }
      }
    } finally {
      this.running = false;
      this.maybeFinished();
    }
  }

  private async handle(body: Uint8Array): Promise<void> {
    let method: RequestMethod;
    let request;
    try {
      ({ method, request } = decodeRequest(body));
    } catch (err) {
      this.fail('bad request', toError(err));
      return;
    }
    this.logger.debug('abci request', { method });
    if (this.kind === undefined && method !== 'flush') {
      this.kind = CONNECTION_OF[method];
      this.logger.info('abci connection identified', { kind: this.kind });
    }

    if (method === 'flush') {
      this.respond({ flush: {} });
      this.writeOut();
      return;
    }
    if (method === 'echo') {
      this.respond({ echo: { message: request.echo!.message } });
      return;
    }
    if (!isAppMethod(method)) return this.fail('bad request', new Error(`unhandled method ${method}`)); // unreachable

    let result: unknown;
    try {
      const call = this.app[method] as (req: unknown) => Promise<unknown>;
      result = await call.call(this.app, request[method]);
    } catch (err) {
      this.fail(`application error in ${method}`, toError(err), method);
      return;
    }
    if (this.closed) return; // the peer left while the app worked: nobody to answer
    if (result === undefined || result === null || typeof result !== 'object') {
      this.fail(`application error in ${method}`, new Error(`${method} returned ${String(result)}`), method);
      return;
    }
    if (
      (method === 'processProposal' || method === 'verifyVoteExtension')
      && (result as { status?: number }).status === 0
    ) {
      // proto3 drops a zero enum and CometBFT panics on UNKNOWN; say so here rather than in CometBFT's log.
      this.fail(
        `application error in ${method}`,
        new Error(`${method} returned status UNKNOWN (0); use ACCEPT (1) or REJECT (2)`),
        method,
      );
      return;
    }
    let frame: Uint8Array;
    try {
      frame = encodeResponseFrame({ [method]: result } as Response);
    } catch (err) {
      this.fail(
        `application error in ${method}`,
        new Error(`cannot encode ${method} response: ${toError(err).message}`),
        method,
      );
      return;
    }
    this.push(frame);
  }

  private respond(res: Response): void {
    this.push(encodeResponseFrame(res));
  }

  private push(frame: Uint8Array): void {
    this.out.push(frame);
    this.outBytes += frame.length;
    if (this.outBytes >= EARLY_WRITE_BYTES) this.writeOut();
  }

  /** Writes every collected response in one write (one syscall, one TCP push where possible). */
  private writeOut(): void {
    if (!this.out.length || this.socketClosed) return;
    const data = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out);
    this.out = [];
    this.outBytes = 0;
    this.socket.write(data);
  }

  /** Answers `exception` after everything already answered, then closes this connection (and only this one). */
  private fail(what: string, err: Error, method?: string): void {
    this.logger.error(`abci ${what}; closing connection`, {
      method,
      kind: this.kind,
      err: err.message,
      stack: err.stack,
    });
    this.push(exceptionFrame(`${what}: ${err.message}`));
    this.writeOut();
    this.closed = true;
    this.queue.length = 0;
    this.socket.end();
    // A peer that keeps its side open must not hold the socket forever. Not consensus code: a timer is fine here.
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  private maybeFinished(): void {
    if (this.socketClosed && !this.running) this.resolveFinished();
  }
}
