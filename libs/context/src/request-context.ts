import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@keel/contracts';

export interface RequestContext {
  readonly correlationId: string;
  /**
   * Who the request acts for. Writable because the context is opened at the edge, before
   * authentication, and the guard fills this in on the same object for everything downstream.
   */
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with `context` visible to everything it calls, across awaits, timers and callbacks. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}
