import { parseBusArn } from './arn.js';
import type { BusRecord, PolicyStatement } from './records.js';

/**
 * An event bus's resource policy: who besides its own account may put events on it
 * (PutPermission). Bosun evaluates the statements PutPermission writes — Allow/Deny, Principal
 * `*` or an account, Action events:PutEvents or events:* — and, having no AWS Organizations,
 * treats an `aws:PrincipalOrgID` condition as never satisfied.
 */

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function actionAllows(action: string | string[]): boolean {
  const list = Array.isArray(action) ? action : [action];
  return list.some((a) => a === 'events:PutEvents' || a === 'events:*' || a === '*');
}

function principalIs(principal: PolicyStatement['Principal'], accountId: string): boolean {
  if (principal === '*') return true;
  const aws = principal.AWS;
  const list = Array.isArray(aws) ? (aws as string[]) : [aws];
  return list.some((p) => p === '*' || p === accountId || p === `arn:aws:iam::${accountId}:root`);
}

function statementApplies(s: PolicyStatement, accountId: string): boolean {
  if (!actionAllows(s.Action) || !principalIs(s.Principal, accountId)) return false;
  // Conditions Bosun cannot evaluate (organizations) do not hold.
  return s.Condition === undefined || Object.keys(s.Condition).length === 0;
}

export function mayPutEvents(bus: BusRecord | undefined, busArn: string, accountId: string): boolean {
  if (parseBusArn(busArn)?.accountId === accountId) return true;
  const statements = bus?.policy ?? [];
  if (statements.some((s) => s.Effect === 'Deny' && statementApplies(s, accountId))) return false;
  return statements.some((s) => s.Effect === 'Allow' && statementApplies(s, accountId));
}
