import { needsUpdate } from './dedup';
import type { NotificationLogEntry } from './notification-log';

const T = 1_000_000;
const entry = (firing: string[], resolved: string[], timestamp = T): NotificationLogEntry => ({
  groupKey: '{}:{}',
  receiver: { groupName: 'r', integration: 'webhook', index: 0 },
  firingAlerts: firing,
  resolvedAlerts: resolved,
  timestamp,
  expiresAt: timestamp + 1,
});
const set = (...fps: string[]): Set<string> => new Set(fps);
const REPEAT = 3_600_000;

describe('needsUpdate (DedupStage)', () => {
  it('notifies a new group only when something fires', () => {
    expect(needsUpdate(undefined, set('a'), set(), true, REPEAT, T)).toBe('first notification');
    expect(needsUpdate(undefined, set(), set('a'), true, REPEAT, T)).toBeUndefined();
  });

  it('notifies when a firing alert was not in the last firing set', () => {
    expect(needsUpdate(entry(['a'], []), set('a', 'b'), set(), false, REPEAT, T)).toBe('new alerts added');
    expect(needsUpdate(entry([], ['a']), set('b'), set(), false, REPEAT, T)).toBe('first notification');
    // A smaller firing set is a subset: not by itself a reason.
    expect(needsUpdate(entry(['a', 'b'], []), set('a'), set('b'), false, REPEAT, T)).toBeUndefined();
  });

  it('notifies "all resolved" regardless of send_resolved, once', () => {
    expect(needsUpdate(entry(['a'], []), set(), set('a'), false, REPEAT, T)).toBe('all alerts resolved');
    expect(needsUpdate(entry([], ['a']), set(), set('a', 'b'), true, REPEAT, T)).toBeUndefined();
  });

  it('notifies newly resolved alerts only with send_resolved', () => {
    expect(needsUpdate(entry(['a', 'b'], []), set('a'), set('b'), true, REPEAT, T)).toBe('some alerts resolved');
    expect(needsUpdate(entry(['a'], ['b']), set('a'), set('b'), true, REPEAT, T)).toBeUndefined();
  });

  it('repeats strictly after repeat_interval', () => {
    expect(needsUpdate(entry(['a'], []), set('a'), set(), true, REPEAT, T + REPEAT)).toBeUndefined();
    expect(needsUpdate(entry(['a'], []), set('a'), set(), true, REPEAT, T + REPEAT + 1)).toBe(
      'repeat interval elapsed',
    );
  });
});
