import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { currentContext, currentCorrelationId, type RequestContext, runWithContext } from './request-context';

const actor = { type: 'user', id: 'u-1', name: 'Ada', roles: ['responder'] } as const satisfies RequestContext['actor'];

describe('request context', () => {
  it('is undefined outside runWithContext', () => {
    expect(currentContext()).toBeUndefined();
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('returns what fn returns', () => {
    expect(runWithContext({ correlationId: 'c-1' }, () => 42)).toBe(42);
  });

  it('carries the context and actor across awaits', async () => {
    const seen = await runWithContext({ correlationId: 'c-await', actor }, async () => {
      await sleep(1);
      await Promise.resolve();
      return currentContext();
    });
    expect(seen).toEqual({ correlationId: 'c-await', actor });
  });

  it('carries the context into timers and immediates', async () => {
    const seen = await runWithContext({ correlationId: 'c-timer' }, () =>
      Promise.all([
        new Promise<string | undefined>((resolve) => setTimeout(() => resolve(currentCorrelationId()), 5)),
        new Promise<string | undefined>((resolve) => setImmediate(() => resolve(currentCorrelationId()))),
        new Promise<string | undefined>((resolve) => process.nextTick(() => resolve(currentCorrelationId()))),
      ]),
    );
    expect(seen).toEqual(['c-timer', 'c-timer', 'c-timer']);
  });

  it('gives an event listener the context of the code that emitted, not of whoever registered it', () => {
    const emitter = new EventEmitter();
    let seen: string | undefined;
    runWithContext({ correlationId: 'registered' }, () => emitter.on('tick', () => (seen = currentCorrelationId())));
    runWithContext({ correlationId: 'emitted' }, () => emitter.emit('tick'));
    expect(seen).toBe('emitted');
  });

  it('lets a nested context shadow the outer one and restores it afterwards', async () => {
    const order: Array<string | undefined> = [];
    await runWithContext({ correlationId: 'outer' }, async () => {
      order.push(currentCorrelationId());
      await runWithContext({ correlationId: 'inner', actor }, async () => {
        await sleep(1);
        order.push(currentCorrelationId());
      });
      order.push(currentCorrelationId());
    });
    order.push(currentCorrelationId());
    expect(order).toEqual(['outer', 'inner', 'outer', undefined]);
  });

  it('shows an actor set after authentication to code that runs later in the request', async () => {
    const seen = await runWithContext({ correlationId: 'c-auth' }, async () => {
      const context = currentContext();
      if (context) {
        context.actor = actor;
      }
      await sleep(1);
      return currentContext()?.actor;
    });
    expect(seen).toEqual(actor);
  });

  it('keeps concurrent requests apart', async () => {
    const handle = (id: string, delay: number) =>
      runWithContext({ correlationId: id }, async () => {
        await sleep(delay);
        return currentCorrelationId();
      });
    await expect(Promise.all([handle('a', 15), handle('b', 1), handle('c', 8)])).resolves.toEqual(['a', 'b', 'c']);
  });

  it('leaves no context behind when fn throws', () => {
    expect(() =>
      runWithContext({ correlationId: 'boom' }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(currentContext()).toBeUndefined();
  });
});
