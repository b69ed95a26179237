import { draftFromIncident } from './draft-from-incident';
import { toMarkdown, utcIso } from './post-mortem-markdown';
import type { PostMortem } from './post-mortem.types';
import { aPostMortem, anActionItem, at } from './testing/post-mortem.factory';

const MIN = 60_000;

function published(): PostMortem {
  const base = aPostMortem();
  return {
    ...base,
    incidentId: 'inc-42',
    title: 'Checkout | payments down *again*',
    status: 'published',
    publishedAt: at('2026-07-03T09:15:30.250Z'),
    ownerId: 'u-alice',
    reviewerIds: ['u-bob'],
    incident: {
      summary: 'Checkout failed for **87 min**.\r\n\r\n# Details\nSee the [dashboard](https://grafana.example/d/1).',
      timeline: [
        {
          at: at('2026-07-01T09:40:00Z'),
          description: 'Deploy 2026.07.1 of checkout-api',
          actorId: 'u-alice',
          sourceEntryId: 'e1',
          milestone: null,
        },
        {
          at: at('2026-07-01T09:58:00Z'),
          description: 'Impact started',
          actorId: null,
          sourceEntryId: null,
          milestone: 'impact_started',
        },
        {
          at: at('2026-07-01T10:04:00.900Z'),
          description: 'Alice: "pool | queue" looks <b>full</b>\nsecond line',
          actorId: 'u-alice',
          sourceEntryId: 'e3',
          milestone: null,
        },
        {
          at: at('2026-07-01T11:20:00Z'),
          description: '- rolled back',
          actorId: 'u-bob',
          sourceEntryId: 'e5',
          milestone: null,
        },
      ],
      impact: {
        ...base.incident.impact,
        description: 'About 4% of payments failed.',
        severity: 'P1',
        affectedServices: ['checkout-api', 'payments'],
        durations: {
          timeToDetectMs: 4 * MIN,
          timeToAcknowledgeMs: 2 * MIN,
          timeToMitigateMs: 83 * MIN,
          timeToResolveMs: null,
          impactDurationMs: 87 * MIN,
        },
      },
    },
    linkedAlerts: [
      {
        fingerprint: 'fp-a',
        ruleName: 'HighErrorRate',
        summary: 'High error rate detected',
        firedAt: at('2026-07-01T10:02:00Z'),
        resolvedAt: at('2026-07-01T11:30:00Z'),
      },
      {
        fingerprint: 'fp-b',
        ruleName: 'DatabaseConnectionPoolExhausted',
        summary: null,
        firedAt: at('2026-07-01T10:05:00Z'),
        resolvedAt: null,
      },
    ],
    rootCause: {
      analysis: 'The pool (20) was too small.\n\n```\n# not a heading\n```',
      contributingFactors: [
        { category: 'capacity', description: 'Pool sized for 2025 traffic' },
        { category: 'monitoring_gap', description: 'No alert on pool_usage_ratio > 0.8' },
      ],
    },
    resolution: {
      actions: [
        {
          description: 'Restarted pods',
          takenAt: at('2026-07-01T10:30:00Z'),
          actorId: 'u-bob',
          outcome: 'not_effective',
        },
        {
          description: 'Rolled back to 2026.06.3',
          takenAt: at('2026-07-01T11:20:00Z'),
          actorId: 'u-bob',
          outcome: 'effective',
        },
      ],
      effectiveness: 'The rollback ended the errors within 5 minutes.',
    },
    lessons: {
      wentWell: ['Alert fired within 4 minutes'],
      wentWrong: ['Restart runbook was *outdated*', '1. nobody owned the pool config'],
      gotLucky: [],
    },
    prevention: {
      recommendations: [
        { description: 'Size pools from load tests', priority: 'high' },
        { description: 'Rename _legacy_ dashboards', priority: 'low' },
      ],
      actionItems: [
        anActionItem({
          id: 'a',
          type: 'detect',
          title: 'Alert when pool usage > 80%',
          ownerId: 'u-alice',
          dueDate: '2026-07-31',
          status: 'in_progress',
          required: true,
        }),
        anActionItem({
          id: 'b',
          type: 'process',
          title: 'Review C:\\configs | owners',
          ownerId: null,
          dueDate: null,
          status: 'open',
        }),
        anActionItem({
          id: 'c',
          type: 'prevent',
          title: 'Rewrite pool',
          ownerId: 'u-bob',
          dueDate: '2026-08-15',
          status: 'wont_do',
          required: true,
          closedAt: at('2026-07-02T00:00:00Z'),
          statusReason: 'Superseded by the new driver',
        }),
      ],
    },
  };
}

const names: Record<string, string> = { 'u-alice': 'Alice Example', 'u-bob': 'Bob [SRE]' };

describe('toMarkdown', () => {
  it('exports a published post-mortem as readable Markdown', () => {
    const expected = [
      '# Post-mortem: Checkout \\| payments down \\*again\\*',
      '',
      '- **Incident:** inc-42',
      '- **Severity:** P1 (High)',
      '- **Status:** Published 2026-07-03T09:15:30Z',
      '- **Services:** checkout-api, payments',
      '- **Owner:** Alice Example',
      '- **Reviewers:** Bob \\[SRE\\]',
      '',
      '## Summary',
      '',
      'Checkout failed for **87 min**.',
      '',
      '### Details',
      'See the [dashboard](https://grafana.example/d/1).',
      '',
      '## Impact',
      '',
      'About 4% of payments failed.',
      '',
      '| Measure | Duration |',
      '| --- | --- |',
      '| Time to detect | 4 min |',
      '| Time to acknowledge | 2 min |',
      '| Time to mitigate | 1 h 23 min |',
      '| Time to resolve | not recorded |',
      '| Duration of impact | 1 h 27 min |',
      '',
      '## Timeline',
      '',
      'All times are UTC.',
      '',
      '| Time | Event |',
      '| --- | --- |',
      '| 2026-07-01T09:40:00Z | Deploy 2026.07.1 of checkout-api |',
      '| 2026-07-01T09:58:00Z | Impact started |',
      '| 2026-07-01T10:04:00Z | Alice: "pool \\| queue" looks \\<b>full\\</b><br>second line |',
      '| 2026-07-01T11:20:00Z | \\- rolled back |',
      '',
      '## Linked alerts',
      '',
      '| Alert | Summary | Fired | Resolved |',
      '| --- | --- | --- | --- |',
      '| HighErrorRate | High error rate detected | 2026-07-01T10:02:00Z | 2026-07-01T11:30:00Z |',
      '| DatabaseConnectionPoolExhausted | — | 2026-07-01T10:05:00Z | still firing |',
      '',
      '## Root cause analysis',
      '',
      'The pool (20) was too small.',
      '',
      '```',
      '# not a heading',
      '```',
      '',
      '### Contributing factors',
      '',
      '| Category | Details |',
      '| --- | --- |',
      '| Capacity and load | Pool sized for 2025 traffic |',
      '| Monitoring gap | No alert on pool_usage_ratio > 0.8 |',
      '',
      '## Resolution',
      '',
      '| Action | Taken | Outcome |',
      '| --- | --- | --- |',
      '| Restarted pods | 2026-07-01T10:30:00Z | Not effective |',
      '| Rolled back to 2026.06.3 | 2026-07-01T11:20:00Z | Effective |',
      '',
      '### Effectiveness',
      '',
      'The rollback ended the errors within 5 minutes.',
      '',
      '## Lessons learned',
      '',
      '### What went well',
      '',
      '- Alert fired within 4 minutes',
      '',
      '### What went wrong',
      '',
      '- Restart runbook was \\*outdated\\*',
      '- 1\\. nobody owned the pool config',
      '',
      '### Where we got lucky',
      '',
      '_None recorded._',
      '',
      '## Prevention',
      '',
      '### Recommendations',
      '',
      '- **High:** Size pools from load tests',
      '- **Low:** Rename \\_legacy\\_ dashboards',
      '',
      '### Action items',
      '',
      '| Type | Action | Owner | Due | Status | Required |',
      '| --- | --- | --- | --- | --- | --- |',
      '| Detect | Alert when pool usage > 80% | Alice Example | 2026-07-31 | In progress | Yes |',
      '| Process | Review C:\\\\configs \\| owners | Unassigned | — | Open | No |',
      "| Prevent | Rewrite pool | Bob \\[SRE\\] | 2026-08-15 | Won't do: Superseded by the new driver | Yes |",
      '',
    ].join('\n');
    expect(toMarkdown(published(), { displayName: (id) => names[id] ?? id })).toBe(expected);
  });

  it('exports a fresh draft with placeholders for what is not written yet', () => {
    const draft = draftFromIncident(
      {
        id: 'inc-9',
        title: 'Login slow',
        description: '',
        severity: 'P3',
        services: [],
        milestones: {
          impactStartedAt: null,
          detectedAt: at('2026-08-01T10:00:00Z'),
          acknowledgedAt: null,
          mitigatedAt: at('2026-08-01T10:45:00Z'),
          resolvedAt: null,
          closedAt: null,
        },
      },
      [],
      [],
      { id: 'pm-9', ownerId: 'u-carol', now: at('2026-08-01T10:46:00Z') },
    );
    const markdown = toMarkdown(draft);
    expect(markdown.split('\n').slice(0, 12)).toEqual([
      '# Post-mortem: Login slow',
      '',
      '- **Incident:** inc-9',
      '- **Severity:** P3 (Low)',
      '- **Status:** Draft',
      '- **Services:** none recorded',
      '- **Owner:** u-carol',
      '- **Reviewers:** none yet',
      '',
      '## Summary',
      '',
      '_Not written yet._',
    ]);
    expect(markdown).toContain('| Time to mitigate | 45 min |\n| Time to resolve | not recorded |');
    expect(markdown).toContain(
      '| Time | Event |\n| --- | --- |\n| 2026-08-01T10:00:00Z | Incident detected |\n| 2026-08-01T10:45:00Z | Impact mitigated |',
    );
    expect(markdown).toContain('## Linked alerts\n\n_None recorded._');
    expect(markdown).toContain('### Action items\n\n_None recorded._\n');
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown.endsWith('\n\n')).toBe(false);
  });

  it('keeps text from breaking tables and lists', () => {
    const pm = aPostMortem({
      title: '# Not a heading\nsecond line',
      lessons: {
        wentWell: ['> not a quote', 'two\nlines', '#hashtag and snake_case stay', '   '],
        wentWrong: ['[link](javascript:x) & &amp; `code` ~~strike~~'],
        gotLucky: ['---'],
      },
    });
    const markdown = toMarkdown(pm);
    expect(markdown.split('\n')[0]).toBe('# Post-mortem: \\# Not a heading second line');
    expect(markdown).toContain(
      '### What went well\n\n- \\> not a quote\n- two\n  lines\n- #hashtag and snake_case stay\n\n### What went wrong',
    );
    expect(markdown).toContain('- \\[link\\](javascript:x) & \\&amp; \\`code\\` \\~\\~strike\\~\\~');
    expect(markdown).toContain('### Where we got lucky\n\n- \\---\n');
  });

  it('pushes prose headings under their section but never past level 6', () => {
    const pm = aPostMortem({
      rootCause: { analysis: '# Top\n#### Deep\n##### Deeper\n~~~\n# code\n~~~\n#no-space', contributingFactors: [] },
    });
    expect(toMarkdown(pm)).toContain(
      '## Root cause analysis\n\n### Top\n###### Deep\n###### Deeper\n~~~\n# code\n~~~\n#no-space\n\n### Contributing factors',
    );
  });

  it('writes instants in UTC to the second', () => {
    expect(utcIso(new Date('2026-07-01T12:34:56.789+02:00'))).toBe('2026-07-01T10:34:56Z');
  });
});
