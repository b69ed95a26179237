import { type MatchableRunbook, matchRunbook } from './match-runbook';

const runbook = (path: string, metadata: Partial<MatchableRunbook['metadata']> = {}): MatchableRunbook => ({
  path,
  metadata: { alerts: [], services: [], incidentTypes: [], lastReviewed: null, ...metadata },
});

const runbooks = [
  runbook('generic-database.md', { incidentTypes: ['database'], lastReviewed: '2026-01-01' }),
  runbook('checkout-database.md', { services: ['checkout-api'], incidentTypes: ['database'] }),
  runbook('payments-database.md', { services: ['payments'], incidentTypes: ['database'], lastReviewed: '2026-03-01' }),
  runbook('pool.md', { alerts: ['DatabaseConnectionPoolExhausted'], lastReviewed: '2026-02-01' }),
  runbook('errors-b.md', { alerts: ['HighErrorRate'], lastReviewed: '2026-05-01' }),
  runbook('errors-a.md', { alerts: ['HighErrorRate'], lastReviewed: '2026-05-01' }),
  runbook('errors-old.md', { alerts: ['HighErrorRate'], lastReviewed: '2025-05-01' }),
];

const match = (alertNames: string[], services: string[], type: string | null, list = runbooks) => {
  const found = matchRunbook(list, { alertNames, services, type });
  return found === null ? null : [found.runbook.path, found.matchedBy, found.on];
};

describe('matchRunbook', () => {
  it('prefers an alert match over service and type', () => {
    expect(match(['DatabaseConnectionPoolExhausted'], ['checkout-api'], 'database')).toEqual([
      'pool.md',
      'alert',
      'DatabaseConnectionPoolExhausted',
    ]);
  });

  it('takes the incident alerts in order, skipping those without a runbook', () => {
    expect(match(['Unknown', 'DatabaseConnectionPoolExhausted', 'HighErrorRate'], [], null)).toEqual([
      'pool.md',
      'alert',
      'DatabaseConnectionPoolExhausted',
    ]);
    expect(match(['HighErrorRate', 'DatabaseConnectionPoolExhausted'], [], null)?.[0]).toBe('errors-a.md');
  });

  it('breaks ties by the most recent review, then by path', () => {
    expect(match(['HighErrorRate'], [], null)).toEqual(['errors-a.md', 'alert', 'HighErrorRate']);
    expect(match(['HighErrorRate'], [], null, [...runbooks].reverse())?.[0]).toBe('errors-a.md');
    const tied = [runbook('z.md', { alerts: ['A'] }), runbook('y.md', { alerts: ['A'] })];
    expect(match(['A'], [], null, tied)?.[0]).toBe('y.md');
    const reviewed = [
      runbook('a.md', { alerts: ['A'] }),
      runbook('b.md', { alerts: ['A'], lastReviewed: '2020-01-01' }),
    ];
    expect(match(['A'], [], null, reviewed)?.[0]).toBe('b.md');
  });

  it('falls back to service and type, taking the services in order', () => {
    expect(match(['Unknown'], ['payments', 'checkout-api'], 'database')).toEqual([
      'payments-database.md',
      'service_and_type',
      'payments/database',
    ]);
    expect(match([], ['search', 'checkout-api'], 'database')).toEqual([
      'checkout-database.md',
      'service_and_type',
      'checkout-api/database',
    ]);
  });

  it('falls back to a runbook for the type that is not limited to services', () => {
    expect(match([], ['search'], 'database')).toEqual(['generic-database.md', 'type', 'database']);
    const onlyScoped = runbooks.filter((r) => r.path !== 'generic-database.md');
    expect(match([], ['search'], 'database', onlyScoped)).toBeNull();
  });

  it('finds nothing without a matching alert or type', () => {
    expect(match([], ['checkout-api'], null)).toBeNull();
    expect(match(['Unknown'], ['checkout-api'], 'network')).toBeNull();
    expect(matchRunbook([], { alertNames: ['HighErrorRate'], services: [], type: 'database' })).toBeNull();
  });

  it('returns the runbook object it was given', () => {
    const list = [{ ...runbook('x.md', { alerts: ['A'] }), id: 'rb-1', version: 3 }];
    expect(matchRunbook(list, { alertNames: ['A'], services: [], type: null })?.runbook).toBe(list[0]);
  });
});
