import { FakeClock } from './clock';
import { InMemoryNotificationLog, receiverKey } from './notification-log';

describe('FakeClock', () => {
  it('fires timers in due order at their own time, ties in creation order', async () => {
    const clock = new FakeClock(1000);
    const fired: string[] = [];
    clock.setTimer(50, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(50, () => fired.push(`c@${clock.now()}`));
    const cancelled = clock.setTimer(20, () => fired.push('never'));
    cancelled.cancel();
    await clock.advance(49);
    expect(fired).toEqual(['a@1010']);
    await clock.advance(100);
    expect(fired).toEqual(['a@1010', 'b@1050', 'c@1050']);
    expect(clock.now()).toBe(1149);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('fires timers set by timers within the same advance', async () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    const tick = (): void => {
      fired.push(clock.now());
      clock.setTimer(10, tick);
    };
    clock.setTimer(10, tick);
    await clock.advance(35);
    expect(fired).toEqual([10, 20, 30]);
  });
});

describe('InMemoryNotificationLog', () => {
  it('stores one entry per group key and integration and drops expired ones', async () => {
    const log = new InMemoryNotificationLog();
    const receiver = { groupName: 'team', integration: 'email' as const, index: 1 };
    expect(receiverKey(receiver)).toBe('team/email/1');
    await log.put({ groupKey: 'g', receiver, firingAlerts: ['a'], resolvedAlerts: [], timestamp: 1, expiresAt: 10 });
    await log.put({ groupKey: 'g', receiver, firingAlerts: ['b'], resolvedAlerts: [], timestamp: 2, expiresAt: 20 });
    expect((await log.get('g', receiver))?.firingAlerts).toEqual(['b']);
    expect(await log.get('g', { ...receiver, index: 0 })).toBeUndefined();
    expect(log.gc(19)).toBe(0);
    expect(log.gc(20)).toBe(1);
    expect(log.list()).toEqual([]);
  });
});
