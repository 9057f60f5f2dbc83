import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { IdSource } from '../core/index.js';
import { requestEntityTooLarge } from '../errors/index.js';
import type { RequestContext } from '../services/provider.js';
import { renderError, type CallLog, type Dispatcher, type WireResponse } from '../wire/index.js';
import { BodyTooLargeError, readBody } from './body.js';
import { DualProtocolListener } from './listener.js';
import { credentialScope } from './sigv4-scope.js';

/** What a non-AWS handler (the OCI registry, Bosun's own endpoints) gets for one request. */
export interface RawContext {
  requestId: string;
  accountId: string;
  region: string;
  baseUrl: string;
  url: URL;
  log: Logger;
}

/** Answers the request and returns true, or returns false to let the next handler try. */
export type RawHandler = (req: IncomingMessage, res: ServerResponse, ctx: RawContext) => Promise<boolean>;

export interface HttpServerOptions {
  host: string;
  port: number;
  accountId: string;
  defaultRegion: string;
  maxApiBodyBytes: number;
  logger: Logger;
  ids: IdSource;
  dispatcher: Dispatcher;
  /** Tried in order before the AWS API dispatcher. */
  rawHandlers: RawHandler[];
}

/**
 * The one HTTP port: Bosun's own endpoints and the registry take their paths, every other request
 * is an AWS API call for the dispatcher. Tracks in-flight requests so shutdown can let them finish.
 */
export class HttpServer {
  private readonly listener: DualProtocolListener;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly options: HttpServerOptions) {
    this.listener = new DualProtocolListener((req, res) => void this.onRequest(req, res));
  }

  listen(): Promise<AddressInfo> {
    return this.listener.listen(this.options.port, this.options.host);
  }

  /** Stop accepting, let in-flight requests finish (up to graceMs), then drop what is left. */
  async close(graceMs: number): Promise<void> {
    const closed = this.listener.stopAccepting();
    if (this.inFlight > 0) {
      await Promise.race([new Promise<void>((r) => (this.drained = r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
    }
    this.listener.destroyAll();
    await closed;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    const started = process.hrtime.bigint();
    const o = this.options;
    const requestId = o.ids.uuid();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scope = credentialScope(req.headers.authorization, url.searchParams);
    const log = o.logger.child({ requestId });
    const ctx: RawContext = {
      requestId,
      accountId: o.accountId,
      region: scope?.region ?? o.defaultRegion,
      // HTTP/2 carries the host as the :authority pseudo-header.
      baseUrl: `http://${req.headers.host ?? req.headers[':authority'] ?? `localhost:${o.port}`}`,
      url,
      log,
    };
    const call: CallLog = {};
    try {
      for (const handler of o.rawHandlers) {
        if (await handler(req, res, ctx)) return;
      }
      const response = await this.dispatch(req, ctx, scope?.service, scope?.accessKeyId, call);
      send(res, response);
    } catch (e) {
      call.error = e;
      if (!res.headersSent) send(res, { status: 500, headers: { 'content-type': 'application/json' }, body: '{"message":"internal error"}' });
      else res.destroy();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const fields = { method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(ms * 100) / 100, ...call };
      if (call.error) log.error({ ...fields, err: call.error }, 'request failed');
      else log.info(fields, 'request');
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  private async dispatch(req: IncomingMessage, ctx: RawContext, scopeService: string | undefined, accessKeyId: string | undefined, call: CallLog): Promise<WireResponse> {
    const o = this.options;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
    let body: Buffer;
    try {
      body = await readBody(req, o.maxApiBodyBytes);
    } catch (e) {
      if (!(e instanceof BodyTooLargeError)) throw e;
      const protocol = headers['x-amz-target'] ? 'json' : 'query';
      req.resume();
      return { ...renderError(requestEntityTooLarge(o.maxApiBodyBytes), protocol, undefined, ctx.requestId), headers: { connection: 'close' } };
    }
    const base: Omit<RequestContext, 'protocol'> = { accountId: ctx.accountId, region: ctx.region, requestId: ctx.requestId, accessKeyId, baseUrl: ctx.baseUrl };
    const wire = { method: req.method ?? 'GET', path: ctx.url.pathname, query: ctx.url.searchParams, headers, body };
    const response = await o.dispatcher.handle(wire, base, scopeService, call);
    return response ?? { status: 404, headers: { 'content-type': 'application/json', 'x-amzn-requestid': ctx.requestId }, body: JSON.stringify({ message: `No API at ${req.method} ${ctx.url.pathname}` }) };
  }
}

/** Connection-specific headers are an error in HTTP/2 (RFC 9113 §8.2.2). */
const http1OnlyHeaders = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'];

function send(res: ServerResponse, r: WireResponse): void {
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  const headers: Record<string, string> = { ...r.headers, 'content-length': String(body.length) };
  if (res.req?.httpVersionMajor === 2) for (const h of http1OnlyHeaders) delete headers[h];
  res.writeHead(r.status, headers);
  res.end(body);
}
