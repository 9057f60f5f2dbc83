import type { SqsContext } from './context.js';

/** A message left its queue (deleted, moved, expired): drop what is still pending or cached for it. */
export function forgetMessage(ctx: SqsContext, id: string): void {
  ctx.receiveLog.forget(id);
  ctx.payloads.delete(id);
}
