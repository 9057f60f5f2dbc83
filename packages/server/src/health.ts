import type { RawHandler } from './http/index.js';
import { sendJson } from './http/index.js';

/** `GET /_bosun/health`: overall state and each modelled service's state. */
export function healthHandler(state: () => { status: string; services: Record<string, string> }, version: string): RawHandler {
  return async (req, res, ctx) => {
    if (ctx.url.pathname !== '/_bosun/health') return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { message: 'Method Not Allowed' });
      return true;
    }
    const s = state();
    sendJson(res, s.status === 'running' ? 200 : 503, { ...s, version });
    return true;
  };
}
