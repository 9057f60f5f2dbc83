// What a target receives: the event, a constant (Input), a part of the event (InputPath), or an
// InputTransformer template filled from InputPathsMap and the predefined variables.
// Quoting follows eb-transform-target-input "Common issues": in value position of a JSON template a
// string variable gets quotes added, objects/arrays/numbers go in as JSON; inside a quoted string
// a variable goes in raw, and an object or array loses its internal quotes ("Detail is {key1: v}").
import { parseEvent, type JsonNode } from './event-json.js';
import { evaluate, parsePath, stringify } from './jsonpath.js';

export type TargetInput =
  | { readonly kind: 'none' }
  | { readonly kind: 'input'; readonly input: string }
  | { readonly kind: 'inputPath'; readonly inputPath: string }
  | {
      readonly kind: 'inputTransformer';
      readonly inputPathsMap?: Readonly<Record<string, string>>;
      readonly inputTemplate: string;
    };

export interface TransformContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  /** When EventBridge received the event, ISO 8601. */
  readonly ingestionTime: string;
}

type Var = JsonNode | undefined;

function variables(root: JsonNode, t: Extract<TargetInput, { kind: 'inputTransformer' }>, ctx: TransformContext): Map<string, Var> {
  const vars = new Map<string, Var>();
  for (const [k, p] of Object.entries(t.inputPathsMap ?? {})) {
    const steps = parsePath(p);
    vars.set(k, steps ? evaluate(root, steps) : undefined);
  }
  const withoutDetail: JsonNode =
    root.t === 'obj' ? { t: 'obj', entries: root.entries.filter(([k]) => k !== 'detail') } : root;
  vars.set('aws.events.rule-arn', { t: 'str', s: ctx.ruleArn });
  vars.set('aws.events.rule-name', { t: 'str', s: ctx.ruleName });
  vars.set('aws.events.event.ingestion-time', { t: 'str', s: ctx.ingestionTime });
  vars.set('aws.events.event', withoutDetail);
  vars.set('aws.events.event.json', root);
  return vars;
}

function render(v: Var, inString: boolean, jsonTemplate: boolean): string {
  if (v === undefined) {
    // A path that selects nothing creates no variable (AWS docs); Bosun renders it as nothing
    // inside text and as null in a JSON value position, so a JSON template stays JSON.
    return inString || !jsonTemplate ? '' : 'null';
  }
  if (v.t === 'str') return inString || !jsonTemplate ? v.s : JSON.stringify(v.s);
  const text = stringify(v);
  if (inString && (v.t === 'obj' || v.t === 'arr')) return text.replace(/"/g, '');
  return text;
}

function fill(template: string, vars: Map<string, Var>): string {
  const jsonTemplate = /^\s*[{[]/.test(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    if (c === '<') {
      const close = template.indexOf('>', i + 1);
      const name = close > 0 ? template.slice(i + 1, close) : '';
      if (close > 0 && vars.has(name)) {
        out += render(vars.get(name), inString, jsonTemplate);
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** The text a target receives for this event. */
export function transformInput(event: string, transformer: TargetInput, context: TransformContext): string {
  switch (transformer.kind) {
    case 'none':
      return event;
    case 'input':
      return transformer.input;
    case 'inputPath': {
      const steps = parsePath(transformer.inputPath);
      const v = steps ? evaluate(parseEvent(event), steps) : undefined;
      // Bosun: a path that selects nothing delivers the whole event (approximation).
      return v === undefined ? event : stringify(v);
    }
    case 'inputTransformer':
      return fill(transformer.inputTemplate, variables(parseEvent(event), transformer, context));
  }
}
