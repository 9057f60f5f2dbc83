import { invalidAction, missingAction, serializationException, unknownOperation, AwsError } from '../errors/index.js';
import type { ServiceModel } from './model.js';
import type { Protocol, WireRequest } from './wire-types.js';

/**
 * Which service and operation a request calls, found as AWS's frontends find it: the
 * `X-Amz-Target` header (awsJson), the `Action` parameter (awsQuery), or method and path
 * (restJson). Pure over the request and the models.
 */
export interface ResolvedCall {
  service: string;
  model: ServiceModel;
  operation: string;
  protocol: Protocol;
  /** Query parameters (query protocol) or path labels (rest-json). */
  params: Map<string, string>;
}

export type RouteResult = { call: ResolvedCall } | { error: AwsError; protocol: Protocol; model?: ServiceModel } | undefined;

interface RestRoute {
  service: string;
  model: ServiceModel;
  operation: string;
  method: string;
  regex: RegExp;
  labels: string[];
  /** Literal query-string requirements in the template (`?versions`, `?tagging=x`). */
  query: [string, string | undefined][];
  specificity: number;
}

export class Router {
  private readonly byTargetPrefix = new Map<string, { service: string; model: ServiceModel }>();
  private readonly queryServices: { service: string; model: ServiceModel }[] = [];
  private readonly restRoutes: RestRoute[] = [];

  constructor(models: Readonly<Record<string, ServiceModel>>) {
    for (const [service, model] of Object.entries(models)) {
      const p = model.metadata.protocol;
      if (p === 'json' && model.metadata.targetPrefix) this.byTargetPrefix.set(model.metadata.targetPrefix, { service, model });
      else if (p === 'query') this.queryServices.push({ service, model });
      else if (p === 'rest-json') this.addRestRoutes(service, model);
    }
    this.restRoutes.sort((a, b) => b.specificity - a.specificity);
  }

  private addRestRoutes(service: string, model: ServiceModel): void {
    for (const op of Object.values(model.operations)) {
      if (!op.http) continue;
      const [pathPart, queryPart] = op.http.requestUri.split('?');
      const labels: string[] = [];
      const pattern = pathPart
        .split(/(\{[^}]+\})/)
        .map((seg) => {
          const m = /^\{([^}+]+)(\+?)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          labels.push(m[1]);
          return m[2] ? '(.+)' : '([^/]+)';
        })
        .join('');
      const query = (queryPart ?? '').split('&').filter(Boolean).map((kv) => {
        const [k, v] = kv.split('=');
        return [k, v] as [string, string | undefined];
      });
      const literal = pathPart.replace(/\{[^}]+\}/g, '').length;
      this.restRoutes.push({
        service,
        model,
        operation: op.name,
        method: op.http.method,
        regex: new RegExp(`^${pattern}/?$`),
        labels,
        query,
        specificity: literal * 10 + query.length,
      });
    }
  }

  /** undefined: not an AWS API call (e.g. the OCI registry or Bosun's own endpoints). */
  route(req: WireRequest, scopeService: string | undefined): RouteResult {
    const target = req.headers['x-amz-target'];
    if (target) return this.routeJson(target);
    const contentType = req.headers['content-type'] ?? '';
    const isForm = req.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded');
    if (isForm || req.query.has('Action')) return this.routeQuery(req, isForm, scopeService);
    const rest = this.routeRest(req);
    // A JSON-protocol body with no X-Amz-Target names no operation.
    if (!rest && req.method === 'POST' && contentType.startsWith('application/x-amz-json-')) return { error: unknownOperation(), protocol: 'json' };
    return rest;
  }

  private routeJson(target: string): RouteResult {
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const operation = target.slice(dot + 1);
    const svc = this.byTargetPrefix.get(prefix);
    if (!svc || dot < 0) return { error: unknownOperation(), protocol: 'json' };
    if (!svc.model.operations[operation]) return { error: unknownOperation(), protocol: 'json', model: svc.model };
    return { call: { service: svc.service, model: svc.model, operation, protocol: 'json', params: new Map() } };
  }

  private routeQuery(req: WireRequest, isForm: boolean, scopeService: string | undefined): RouteResult {
    const params = new Map<string, string>();
    for (const [k, v] of req.query) params.set(k, v);
    if (isForm) {
      let form: URLSearchParams;
      try {
        form = new URLSearchParams(req.body.toString('utf8'));
      } catch {
        return { error: serializationException('Malformed query string'), protocol: 'query' };
      }
      for (const [k, v] of form) params.set(k, v);
    }
    const action = params.get('Action');
    const version = params.get('Version');
    const byVersion = this.queryServices.filter((s) => s.model.metadata.apiVersion === version);
    const byScope = this.queryServices.filter(
      (s) => s.model.metadata.signingName === scopeService || s.model.metadata.endpointPrefix === scopeService,
    );
    const candidates = byVersion.length === 1 ? byVersion : byScope.length === 1 ? byScope : byVersion.length ? byVersion : this.queryServices;
    const svc = (action ? candidates.find((s) => s.model.operations[action]) : undefined) ?? candidates[0];
    if (!action) return { error: missingAction(), protocol: 'query', model: svc?.model };
    if (!svc || !svc.model.operations[action]) return { error: invalidAction(action), protocol: 'query', model: svc?.model };
    return { call: { service: svc.service, model: svc.model, operation: action, protocol: 'query', params } };
  }

  private routeRest(req: WireRequest): RouteResult {
    for (const r of this.restRoutes) {
      if (r.method !== req.method) continue;
      const m = r.regex.exec(req.path);
      if (!m) continue;
      if (!r.query.every(([k, v]) => req.query.has(k) && (v === undefined || req.query.get(k) === v))) continue;
      const params = new Map<string, string>();
      r.labels.forEach((label, i) => params.set(label, decodeURIComponent(m[i + 1])));
      return { call: { service: r.service, model: r.model, operation: r.operation, protocol: 'rest-json', params } };
    }
    return undefined;
  }
}
