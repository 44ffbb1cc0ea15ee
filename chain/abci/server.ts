// The ABCI++ socket server that a real CometBFT v0.38 node talks to (`proxy_app = tcp://127.0.0.1:26658`).
//
// Wire: each message is a uvarint length + protobuf tendermint.abci.Request/Response (framing.ts, codec.ts).
// CometBFT opens four connections (query, snapshot, mempool, consensus) and reconnects every 3 s; every connection
// is served alike, whatever it carries. Per connection (connection.ts):
//   - requests are handled strictly in arrival order, one at a time, and answered in that order, so pipelined
//     CheckTx requests get their responses in order and a slow app call is never overtaken;
//   - Echo and Flush are answered by the server; every other request calls the AbciApplication method of the same
//     name (request oneof `checkTx` -> app.checkTx -> response oneof `checkTx`);
//   - responses are written when a Flush is answered, which happens only after everything before it;
//   - an app that throws, or a frame that is too long, malformed or carries no known method, gets an `exception`
//     response and that connection is closed (CometBFT then stops: "did the application crash?"). The app is meant
//     never to throw for a bad tx: that is a non-zero code. Other connections and the process carry on.
import { createServer, createConnection, type Server, type Socket } from 'node:net';
import { lstat, unlink } from 'node:fs/promises';
import type { AbciApplication } from '../app/application.js';
import { silentLogger, type Logger } from '../logger.js';
import { DEFAULT_MAX_FRAME_BYTES } from './framing.js';
import { AbciConnection } from './connection.js';

export type ListenAddr = { protocol: 'tcp'; host: string; port: number } | { protocol: 'unix'; path: string };

/** Where the server ended up listening: host/port for TCP (port resolved if 0 was asked), path for a unix socket. */
export interface ListenInfo {
  host: string;
  port: number;
  path?: string;
}

export interface AbciServerOptions {
  logger?: Logger;
  /** Largest request frame accepted; a longer length prefix closes that connection. Default 64 MiB. */
  maxFrameBytes?: number;
}

export class ListenAddrError extends Error {
  readonly code = 'BAD_LISTEN_ADDR';
  constructor(message: string) {
    super(message);
    this.name = 'ListenAddrError';
  }
}

/**
 * Parses a CometBFT-style address: `tcp://host:port`, `unix:///abs/path.sock`, or bare `host:port` (tcp, as
 * CometBFT assumes). IPv6 hosts go in brackets (`tcp://[::1]:26658`); an empty host means all interfaces.
 */
export function parseListenAddr(addr: string): ListenAddr {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(addr);
  const scheme = m ? m[1].toLowerCase() : 'tcp';
  const rest = m ? m[2] : addr;
  if (scheme === 'unix') {
    if (!rest) throw new ListenAddrError(`unix address needs a socket path: ${JSON.stringify(addr)}`);
    return { protocol: 'unix', path: rest };
  }
  if (scheme !== 'tcp')
    throw new ListenAddrError(
      `unsupported address scheme ${JSON.stringify(scheme)} in ${JSON.stringify(addr)} (use tcp:// or unix://)`,
    );
  const hp = /^(?:\[([0-9a-fA-F:.%\w]+)\]|([^:[\]/]*)):(\d{1,5})$/.exec(rest);
  if (!hp) throw new ListenAddrError(`expected host:port in ${JSON.stringify(addr)}`);
  const port = Number(hp[3]);
  if (port > 65535) throw new ListenAddrError(`port ${port} out of range in ${JSON.stringify(addr)}`);
  const host = hp[1] ?? (hp[2] || '0.0.0.0');
  return { protocol: 'tcp', host, port };
}

export class AbciServer {
  private readonly logger: Logger;
  private readonly maxFrameBytes: number;
  private server: Server | undefined;
  private readonly connections = new Set<AbciConnection>();
  private nextConnId = 1;

  constructor(
    private readonly app: AbciApplication,
    opts: AbciServerOptions = {},
  ) {
    this.logger = (opts.logger ?? silentLogger).child({ module: 'abci' });
    this.maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isSafeInteger(this.maxFrameBytes) || this.maxFrameBytes <= 0) {
      throw new RangeError(`maxFrameBytes must be a positive integer, got ${opts.maxFrameBytes}`);
    }
  }

  /** Number of open connections (CometBFT keeps four). */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Starts listening. Rejects (loudly: a broken local setup) if the address is bad or taken. */
  async listen(addr: string): Promise<ListenInfo> {
    if (this.server) throw new Error('AbciServer is already listening');
    const parsed = parseListenAddr(addr);
    if (parsed.protocol === 'unix') await removeStaleUnixSocket(parsed.path);
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(new Error(`ABCI server cannot listen on ${addr}: ${err.message}`));
      server.once('error', onError);
      const done = () => {
        server.off('error', onError);
        resolve();
      };
      if (parsed.protocol === 'unix') server.listen(parsed.path, done);
      else server.listen(parsed.port, parsed.host, done);
    });
    server.on('error', (err) => this.logger.error('abci server error', { err: err.message }));
    this.server = server;
    const a = server.address();
    const info: ListenInfo =
      a && typeof a === 'object'
        ? { host: a.address, port: a.port }
        : { host: '', port: 0, path: parsed.protocol === 'unix' ? parsed.path : String(a) };
    this.logger.info('abci server listening', { addr, ...info });
    return info;
  }

  /** Stops accepting, drops every connection, and resolves once no request is being handled any more. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const conns = [...this.connections];
    for (const c of conns) c.destroy();
    await Promise.all([
      server ? new Promise<void>((r) => server.close(() => r())) : undefined,
      ...conns.map((c) => c.finished),
    ]);
  }

  private accept(socket: Socket): void {
    const id = this.nextConnId++;
    socket.setNoDelay(true); // responses are already batched per Flush; don't let Nagle delay them further
    const logger = this.logger.child({
      conn: id,
      remote: socket.remoteAddress ? `${socket.remoteAddress}:${socket.remotePort}` : 'unix',
    });
    const conn = new AbciConnection(socket, this.app, logger, this.maxFrameBytes);
    this.connections.add(conn);
    void conn.finished.then(() => this.connections.delete(conn));
    logger.info('abci connection opened');
  }
}

/** A unix socket file left by a dead process blocks listen(); remove it only if nothing answers on it. */
async function removeStaleUnixSocket(path: string): Promise<void> {
  const st = await lstat(path).catch(() => undefined);
  if (!st || !st.isSocket()) return;
  const alive = await new Promise<boolean>((resolve) => {
    const s = createConnection(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
  if (!alive) await unlink(path);
}
