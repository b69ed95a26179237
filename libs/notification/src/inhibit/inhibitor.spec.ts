import { alertFingerprint, AlertStore } from '../alerts/alert';
import { parseMatchers } from '../matchers/matcher';
import { alert, T0 } from '../testing/factories';
import { inhibitedBy, Inhibitor, type InhibitRule } from './inhibitor';

const MIN = 60_000;
const rule = (source: string, target: string, equal: string[]): InhibitRule => ({
  sourceMatchers: parseMatchers(source),
  targetMatchers: parseMatchers(target),
  equal,
});

describe('Inhibitor', () => {
  const criticalMutesWarning = rule('severity="critical"', 'severity="warning"', ['alertname', 'cluster']);

  it('mutes a target while a firing source with equal labels exists', () => {
    const store = new AlertStore();
    const inhibitor = new Inhibitor([criticalMutesWarning], store);
    const source = alert({ alertname: 'Disk', cluster: 'eu', severity: 'critical' }, { endsAt: T0 + 10 * MIN });
    store.put([source], T0);
    expect(inhibitor.mutes({ alertname: 'Disk', cluster: 'eu', severity: 'warning' }, T0)).toBe(
      alertFingerprint(source),
    );
    // A different equal label, or a non-target, is not muted.
    expect(inhibitor.mutes({ alertname: 'Disk', cluster: 'us', severity: 'warning' }, T0)).toBeUndefined();
    expect(inhibitor.mutes({ alertname: 'Disk', cluster: 'eu', severity: 'info' }, T0)).toBeUndefined();
    // Once the source resolves, the target is free.
    expect(inhibitor.mutes({ alertname: 'Disk', cluster: 'eu', severity: 'warning' }, T0 + 10 * MIN)).toBeUndefined();
    inhibitor.stop();
  });

  it('treats an equal label missing on both sides as equal', () => {
    const sources = [alert({ alertname: 'Disk', severity: 'critical' })];
    expect(inhibitedBy([criticalMutesWarning], sources, { alertname: 'Disk', severity: 'warning' }, T0)).toBeDefined();
    expect(
      inhibitedBy([criticalMutesWarning], sources, { alertname: 'Disk', cluster: 'eu', severity: 'warning' }, T0),
    ).toBeUndefined();
  });

  it('never lets an alert matching both sides inhibit itself or its peers', () => {
    // Every alert of the cluster matches both sides: none may mute another.
    const both = rule('alertname="NodeDown"', 'alertname="NodeDown"', ['cluster']);
    const a = alert({ alertname: 'NodeDown', cluster: 'eu', instance: 'a' });
    const b = alert({ alertname: 'NodeDown', cluster: 'eu', instance: 'b' });
    expect(inhibitedBy([both], [a, b], a.labels, T0)).toBeUndefined();
    expect(inhibitedBy([both], [a, b], b.labels, T0)).toBeUndefined();
    // A source matching only the source side still mutes a target matching both.
    const wide = rule('alertname=~"Node.*"', 'alertname="NodeDown"', ['cluster']);
    const other = alert({ alertname: 'NodeUnreachable', cluster: 'eu' });
    expect(inhibitedBy([wide], [a, other], a.labels, T0)).toBeDefined();
    expect(inhibitedBy([wide], [a], a.labels, T0)).toBeUndefined();
  });

  it('ignores resolved sources and keeps the cache in step with the store', () => {
    const store = new AlertStore();
    const inhibitor = new Inhibitor([criticalMutesWarning], store);
    const target = { alertname: 'X', severity: 'warning' };
    store.put([alert({ alertname: 'X', severity: 'critical' }, { endsAt: T0 + MIN })], T0);
    expect(inhibitor.mutes(target, T0 + 2 * MIN)).toBeUndefined();
    store.put(
      [
        alert(
          { alertname: 'X', severity: 'critical' },
          { startsAt: T0 + 3 * MIN, endsAt: T0 + 9 * MIN, updatedAt: T0 + 3 * MIN },
        ),
      ],
      T0 + 3 * MIN,
    );
    expect(inhibitor.mutes(target, T0 + 4 * MIN)).toBeDefined();
  });
});
