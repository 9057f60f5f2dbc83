import { request, type Agent } from 'node:http';

/**
 * One AWS JSON-protocol call over plain HTTP, without an SDK (so the benchmark measures the
 * server, not client-side serialisation). The credential scope names the service, which is how
 * moto_server tells services apart.
 */
export function awsJsonCall(agent: Agent, port: number, target: { prefix: string; service: string }, op: string, body: unknown): Promise<Record<string, unknown>> {
  const data = Buffer.from(JSON.stringify(body));
  const headers = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `${target.prefix}.${op}`,
    'content-length': data.length,
    authorization: `AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/${target.service}/aws4_request, SignedHeaders=host, Signature=0`,
  };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 300) reject(new Error(`${op}: HTTP ${res.statusCode}${text.startsWith('{') ? ` ${text.slice(0, 200)}` : ''}`));
        else resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {});
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}
