import { alert, T0 } from '../testing/factories';
import { alertFingerprint, alertStatus, AlertStore, isResolved, mergeAlerts, type Alert } from './alert';

const MIN = 60_000;

describe('alert status', () => {
  it('is resolved once endsAt is not after now', () => {
    const a = alert({ a: '1' }, { endsAt: T0 + MIN });
    expect(isResolved(a, T0 + MIN - 1)).toBe(false);
    expect(isResolved(a, T0 + MIN)).toBe(true);
    expect(alertStatus(a, T0 + MIN)).toBe('resolved');
    expect(alertStatus({ endsAt: null }, T0 + 1e12)).toBe('firing');
  });

  it("fingerprints labels like Alertmanager's model.Fingerprint", () => {
    // FNV-1a 64 of "a\xffb\xff" — same as prometheus/common's LabelSet.Fingerprint.
    expect(alertFingerprint({ labels: { a: 'b' } })).toMatch(/^[0-9a-f]{16}$/);
    expect(alertFingerprint({ labels: { a: 'b', c: 'd' } })).toBe(alertFingerprint({ labels: { c: 'd', a: 'b' } }));
    expect(alertFingerprint({ labels: { a: 'b' } })).not.toBe(alertFingerprint({ labels: { a: 'c' } }));
  });
});

describe('mergeAlerts (Alert.Merge)', () => {
  const older = alert({ a: '1' }, { startsAt: T0, endsAt: T0 + 10 * MIN, updatedAt: T0, annotations: { v: 'old' } });

  it('keeps the younger alert, with the earliest start', () => {
    const younger = alert(
      { a: '1' },
      { startsAt: T0 + MIN, endsAt: T0 + 20 * MIN, updatedAt: T0 + MIN, annotations: { v: 'new' } },
    );
    const merged = mergeAlerts(older, younger, T0 + MIN);
    expect(merged).toMatchObject({
      startsAt: T0,
      endsAt: T0 + 20 * MIN,
      annotations: { v: 'new' },
      updatedAt: T0 + MIN,
    });
    expect(mergeAlerts(younger, older, T0 + MIN)).toEqual(merged);
  });

  it('keeps a later explicit end of the older alert while firing, not a timeout one', () => {
    const younger = alert({ a: '1' }, { startsAt: T0, endsAt: T0 + 5 * MIN, updatedAt: T0 + MIN });
    expect(mergeAlerts(older, younger, T0 + MIN).endsAt).toBe(T0 + 10 * MIN);
    expect(mergeAlerts({ ...older, timeout: true }, younger, T0 + MIN).endsAt).toBe(T0 + 5 * MIN);
  });

  it('takes the latest end when both are resolved', () => {
    const a = alert({ a: '1' }, { endsAt: T0 + 3 * MIN, updatedAt: T0 });
    const o = alert({ a: '1' }, { endsAt: T0 + 2 * MIN, updatedAt: T0 + MIN });
    expect(mergeAlerts(a, o, T0 + 4 * MIN).endsAt).toBe(T0 + 3 * MIN);
    // The younger alert resolved, the older one still firing: the younger's end stands.
    const stillFiring = alert({ a: '1' }, { endsAt: T0 + 30 * MIN, updatedAt: T0 });
    expect(mergeAlerts(stillFiring, o, T0 + 4 * MIN).endsAt).toBe(T0 + 2 * MIN);
  });
});

describe('AlertStore', () => {
  it('merges a re-posted alert whose range overlaps, and replaces one that does not', () => {
    const store = new AlertStore();
    const first = alert({ a: '1' }, { startsAt: T0, endsAt: T0 + 5 * MIN, updatedAt: T0 });
    store.put([first], T0);
    // Posted again without startsAt: its start (now) falls inside the stored range -> earliest start kept.
    const again = alert({ a: '1' }, { startsAt: T0 + 2 * MIN, endsAt: T0 + 7 * MIN, updatedAt: T0 + 2 * MIN });
    expect(store.put([again], T0 + 2 * MIN)[0]).toMatchObject({ startsAt: T0, endsAt: T0 + 7 * MIN });
    // Fires again after it resolved: no overlap, the new alert replaces the old one.
    const refire = alert({ a: '1' }, { startsAt: T0 + 30 * MIN, endsAt: T0 + 35 * MIN, updatedAt: T0 + 30 * MIN });
    expect(store.put([refire], T0 + 30 * MIN)[0].startsAt).toBe(T0 + 30 * MIN);
    expect(store.size).toBe(1);
  });

  it('replays stored alerts to a new subscriber, then streams new ones until unsubscribed', () => {
    const store = new AlertStore();
    store.put([alert({ a: '1' })], T0);
    const seen: Alert[] = [];
    const stop = store.subscribe((a) => seen.push(a));
    store.put([alert({ a: '2' })], T0);
    stop();
    store.put([alert({ a: '3' })], T0);
    expect(seen.map((a) => a.labels.a)).toEqual(['1', '2']);
  });

  it('garbage-collects resolved alerts', () => {
    const store = new AlertStore();
    store.put([alert({ a: '1' }, { endsAt: T0 + MIN }), alert({ a: '2' }, { endsAt: T0 + 10 * MIN })], T0);
    expect(store.gc(T0 + 2 * MIN).map((a) => a.labels.a)).toEqual(['1']);
    expect(store.list().map((a) => a.labels.a)).toEqual(['2']);
  });
});
