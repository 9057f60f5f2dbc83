import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2Session } from 'node:http2';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { Duplex } from 'node:stream';

/**
 * One TCP port speaking HTTP/1.1 and cleartext HTTP/2 (h2c with prior knowledge). AWS SDK v3 for
 * JavaScript talks HTTP/2 to some services by default (Kinesis), so an `http://` endpoint must
 * accept the HTTP/2 connection preface; everything else (aws CLIs, container tools) uses HTTP/1.1.
 * Each connection is routed by its first bytes; both protocols reach the same request handler
 * through Node's compatibility API.
 */

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const http2Preface = Buffer.from('PRI * HTTP/2.0');

export class DualProtocolListener {
  private readonly net = createNetServer((socket) => this.route(socket));
  private readonly http1;
  private readonly http2;
  private readonly sessions = new Set<Http2Session>();
  /** HTTP/1.1 sockets and how many requests each is serving: http's own connection tracking only works for a server that listens itself. */
  private readonly sockets = new Map<Socket, number>();
  private closing = false;

  constructor(handler: RequestHandler) {
    this.http1 = createHttp1Server({ keepAliveTimeout: 65_000 }, (req, res) => {
      const socket = req.socket;
      this.sockets.set(socket, (this.sockets.get(socket) ?? 0) + 1);
      if (this.closing) res.shouldKeepAlive = false;
      res.once('close', () => {
        const active = (this.sockets.get(socket) ?? 1) - 1;
        if (!this.sockets.has(socket)) return;
        this.sockets.set(socket, active);
        if (this.closing && active === 0) socket.destroy();
      });
      handler(req, res);
    });
    // The compat request/response match http's closely enough for our handlers; see http/server.ts for the headers HTTP/2 forbids.
    this.http2 = createHttp2Server({}, handler as unknown as Parameters<typeof createHttp2Server>[1]);
    this.http2.on('session', (session: Http2Session) => {
      this.sessions.add(session);
      session.once('close', () => this.sessions.delete(session));
    });
  }

  private route(socket: Socket): void {
    socket.on('error', () => socket.destroy());
    // Tracked from the start, so a connection that never sends a byte cannot hold up shutdown.
    this.sockets.set(socket, 0);
    socket.once('close', () => this.sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      const isHttp2 = first.subarray(0, http2Preface.length).equals(http2Preface.subarray(0, Math.min(first.length, http2Preface.length)));
      if (isHttp2) {
        this.sockets.delete(socket); // its session is closed through `sessions`
        this.http2.emit('connection', replaying(socket, first));
      } else {
        socket.unshift(first);
        this.http1.emit('connection', socket);
        socket.resume();
      }
    });
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.net.once('error', reject);
      this.net.listen(port, host, () => resolve());
    });
    return this.net.address() as AddressInfo;
  }

  /** Stop accepting connections; idle HTTP/1.1 connections close now, HTTP/2 sessions after their streams. */
  stopAccepting(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.net.close(() => resolve()));
    for (const [socket, active] of this.sockets) if (active === 0) socket.destroy();
    for (const s of this.sessions) s.close();
    return closed;
  }

  /** Drop every remaining connection. */
  destroyAll(): void {
    for (const socket of this.sockets.keys()) socket.destroy();
    for (const s of this.sessions) s.destroy();
  }
}

/**
 * The socket as a JS stream that first replays the bytes already read. An HTTP/2 session reads a
 * native socket's handle directly and would miss bytes unshifted into its JS buffer; given a JS
 * stream it reads through the stream API instead.
 */
function replaying(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end(callback);
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.push(first);
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  return stream;
}
