// What a target receives: the event, a constant (Input), a part of the event (InputPath), or an
// InputTransformer template filled from InputPathsMap and the predefined variables.
// Sources: the user guide's eb-transform-target-input ("Common issues with transforming input"),
// and AWS responses recorded by LocalStack's AWS-validated snapshot tests
// (tests/aws/services/events/test_events_inputs.snapshot.json), where the guide is silent.
//  - JSON template, value position: a string gets quotes added ("EventBridge automatically adds
//    quotes to string variable values ... does not add quotes to variables that represent JSON
//    objects or arrays"); numbers, booleans, objects and arrays go in as JSON. Bosun escapes the
//    string there so the output stays JSON; what AWS does with a `"` in that value is undocumented.
//  - Inside a quoted string, or in a string template: the value goes in raw ("EventBridge doesn't
//    escape values extracted by Input Path"), and an object or array loses its internal quotes
//    ("Detail is {key1: value1}").
//  - A path that selects nothing creates no variable ("won't appear in the output"): nothing in
//    text, and `""` in a JSON value position (recorded: `{"command": <command>}` with a missing
//    path delivered `{"command": ""}`).
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
  // "The original event payload as JSON (without the detail field)"; AWS also delivers
  // `detail-type` under the key `detailType` there (recorded response; the guide does not say).
  const withoutDetail: JsonNode =
    root.t === 'obj'
      ? {
          t: 'obj',
          entries: root.entries.filter(([k]) => k !== 'detail').map(([k, v]): [string, JsonNode] => [k === 'detail-type' ? 'detailType' : k, v]),
        }
      : root;
  vars.set('aws.events.rule-arn', { t: 'str', s: ctx.ruleArn });
  vars.set('aws.events.rule-name', { t: 'str', s: ctx.ruleName });
  vars.set('aws.events.event.ingestion-time', { t: 'str', s: ctx.ingestionTime });
  vars.set('aws.events.event', withoutDetail);
  vars.set('aws.events.event.json', root);
  return vars;
}

function render(v: Var, inString: boolean, jsonTemplate: boolean): string {
  if (v === undefined) return inString || !jsonTemplate ? '' : '""';
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
      // The guide and the API reference do not say what a target receives when InputPath selects
      // nothing; Bosun delivers the whole event rather than dropping the delivery silently.
      return v === undefined ? event : stringify(v);
    }
    case 'inputTransformer':
      return fill(transformer.inputTemplate, variables(parseEvent(event), transformer, context));
  }
}
