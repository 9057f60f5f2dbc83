import { policyDocument, type PolicyStatement } from '../../bus/index.js';
import type { RequestContext } from '../provider.js';
import { requireBus, saveBus, scopeOf, type EventsContext } from './context.js';
import { policyLengthExceeded, resourceNotFound, validation } from './errors.js';
import type { PutPermissionRequest, RemovePermissionRequest } from './model.js';

/** The event bus policy size quota (characters). */
export const maxPolicyLength = 10_240;

function statementsOf(policy: string): PolicyStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw validation('This policy contains invalid Json');
  }
  const statement = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  if (list.some((s) => typeof s !== 'object' || s === null)) throw validation('This policy contains invalid Json');
  return list as PolicyStatement[];
}

function statementFromParameters(input: PutPermissionRequest, busArn: string): PolicyStatement {
  const principal = input.Principal;
  if (principal === undefined) throw validation('Parameter Principal must be specified.');
  if (input.Condition && principal !== '*') throw validation("Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.");
  if (!/^(\d{12}|\*)$/.test(principal)) throw validation(`Value ${principal} at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\d{12}|\\*)`);
  if (input.Action !== 'events:PutEvents') throw validation("Provided value in parameter 'action' is not supported.");
  if (input.StatementId === undefined || !/^[a-zA-Z0-9-_]{1,64}$/.test(input.StatementId)) throw validation('StatementId must match ^[a-zA-Z0-9-_]{1,64}$');
  return {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principal === '*' ? '*' : { AWS: `arn:aws:iam::${principal}:root` },
    Action: 'events:PutEvents',
    Resource: busArn,
    ...(input.Condition ? { Condition: { [input.Condition.Type]: { [input.Condition.Key]: input.Condition.Value } } } : {}),
  };
}

export function permissionOperations(ec: EventsContext) {
  return {
    PutPermission: (input: PutPermissionRequest, ctx: RequestContext): Promise<Record<string, never>> =>
      ec.lock.run(async () => {
        const bus = requireBus(ec, input.EventBusName, scopeOf(ctx));
        let policy: PolicyStatement[];
        if (input.Policy !== undefined) policy = statementsOf(input.Policy);
        else {
          const statement = statementFromParameters(input, bus.arn);
          policy = [...(bus.policy ?? []).filter((s) => s.Sid !== statement.Sid), statement];
        }
        if (policyDocument(policy).length > maxPolicyLength) throw policyLengthExceeded();
        const now = ec.clock.now();
        await saveBus(ec, { ...bus, policy, modifiedAt: now, createdAt: bus.createdAt || now });
        return {};
      }),

    RemovePermission: (input: RemovePermissionRequest, ctx: RequestContext): Promise<Record<string, never>> =>
      ec.lock.run(async () => {
        const bus = requireBus(ec, input.EventBusName, scopeOf(ctx));
        let policy: PolicyStatement[] = [];
        if (!input.RemoveAllPermissions) {
          if (input.StatementId === undefined) throw validation('Parameter StatementId is required.');
          if (!bus.policy?.length) throw resourceNotFound('EventBus does not have a policy.');
          if (!bus.policy.some((s) => s.Sid === input.StatementId)) throw resourceNotFound('Statement with the provided id does not exist.');
          policy = bus.policy.filter((s) => s.Sid !== input.StatementId);
        }
        const now = ec.clock.now();
        await saveBus(ec, { ...bus, policy, modifiedAt: now, createdAt: bus.createdAt || now });
        return {};
      }),
  };
}
