import { IncidentErrorCode } from './incident.exception';
import {
  checklistProgress,
  completeStep,
  CRITICAL_RESPONSE_TEMPLATE,
  instantiateChecklist,
  reopenStep,
  resolveChecklistTemplate,
  validateChecklistTemplate,
  validateChecklistTypeRules,
  type ChecklistTemplate,
  type ChecklistTypeRule,
} from './response-checklist';
import { DEFAULT_SEVERITY_POLICIES } from './severity-policy';
import { at, caught } from './testing/incident-core.factory';

const T = (hhmm: string): Date => at(`2026-03-10T${hhmm}:00Z`);

describe('the critical incident response template', () => {
  it("is the seed's twelve steps, in its order and groups", () => {
    expect(CRITICAL_RESPONSE_TEMPLATE.steps.map((s) => [s.phase, s.title])).toEqual([
      ['immediate', 'Notify on-call team'],
      ['immediate', 'Activate runbook'],
      ['immediate', 'Isolate affected systems'],
      ['investigation', 'Gather system metrics'],
      ['investigation', 'Analyze logs'],
      ['investigation', 'Identify root cause'],
      ['resolution', 'Implement fix'],
      ['resolution', 'Verify fix'],
      ['resolution', 'Restore normal operations'],
      ['follow_up', 'Document incident'],
      ['follow_up', 'Conduct post-mortem'],
      ['follow_up', 'Update runbooks'],
    ]);
    expect(validateChecklistTemplate(CRITICAL_RESPONSE_TEMPLATE)).toEqual([]);
    expect(Object.isFrozen(CRITICAL_RESPONSE_TEMPLATE.steps)).toBe(true);
  });
});

describe('validateChecklistTemplate', () => {
  it('lists every problem with its field', () => {
    const bad = {
      id: 'Bad Id',
      name: ' ',
      steps: [
        { id: 'check', title: 'Check', phase: 'immediate' },
        { id: 'check', title: '', phase: 'later' },
      ],
    } as unknown as ChecklistTemplate;
    expect(validateChecklistTemplate(bad).map((i) => i.message)).toEqual([
      'id must be lower-case letters, digits, _ or - (at most 64), got "Bad Id"',
      'name must have 1 to 200 characters, got 0',
      'steps[1].id repeats "check"',
      'steps[1].title must have 1 to 200 characters, got 0',
      'steps[1].phase must be one of immediate, investigation, resolution, follow_up, got "later"',
    ]);
  });

  it('refuses a template without steps', () => {
    expect(() => instantiateChecklist({ id: 'empty', name: 'Empty', steps: [] })).toThrow(
      'steps must list 1 to 100 steps',
    );
  });
});

describe('resolveChecklistTemplate', () => {
  const rules: ChecklistTypeRule[] = [
    { incidentType: 'database', severity: 'P1', templateId: 'database-outage' },
    { incidentType: 'security', severity: 'P0', templateId: null },
    { incidentType: 'database', severity: 'P2', templateId: 'database-degraded' },
  ];

  it.each([
    [
      { severity: 'P1', type: 'database' },
      { templateId: 'database-outage', matchedBy: 'type_and_severity' },
    ],
    [
      { severity: 'P2', type: 'database' },
      { templateId: 'database-degraded', matchedBy: 'type_and_severity' },
    ],
    [
      { severity: 'P0', type: 'security' },
      { templateId: null, matchedBy: 'type_and_severity' },
    ],
    [
      { severity: 'P0', type: 'database' },
      { templateId: 'critical-incident-response', matchedBy: 'severity' },
    ],
    [
      { severity: 'P1', type: null },
      { templateId: 'critical-incident-response', matchedBy: 'severity' },
    ],
    [
      { severity: 'P3', type: 'network' },
      { templateId: null, matchedBy: 'none' },
    ],
  ] as const)('resolves %j', (incident, expected) => {
    expect(resolveChecklistTemplate(incident, DEFAULT_SEVERITY_POLICIES[incident.severity], rules)).toEqual(expected);
  });

  it('validates the rules', () => {
    expect(
      validateChecklistTypeRules(
        [
          ...rules,
          { incidentType: 'database', severity: 'P1', templateId: 'x' },
          { incidentType: 'Bad Type', severity: 'P7', templateId: 'nope' },
        ] as ChecklistTypeRule[],
        ['database-outage', 'database-degraded', 'x'],
      ).map((i) => i.message),
    ).toEqual([
      'rules[3] repeats incident type database at P1',
      'rules[4].incidentType is not a valid incident type: "Bad Type"',
      'rules[4].severity must be one of P0, P1, P2, P3, got "P7"',
      'rules[4].templateId names an unknown checklist template "nope"',
    ]);
  });
});

describe('completing steps', () => {
  const fresh = () => instantiateChecklist(CRITICAL_RESPONSE_TEMPLATE);

  it('starts with every step open', () => {
    const checklist = fresh();
    expect(checklist.templateId).toBe('critical-incident-response');
    expect(checklist.steps[0]).toEqual({
      id: 'notify_on_call_team',
      title: 'Notify on-call team',
      phase: 'immediate',
      completedBy: null,
      completedAt: null,
      note: null,
      history: [],
    });
  });

  it('records who completed a step, when and with what note, leaving the original untouched', () => {
    const before = fresh();
    const after = completeStep(before, 'notify_on_call_team', {
      actor: 'u-ann',
      at: T('09:05'),
      note: ' paged db team ',
    });
    expect(after.steps[0]).toMatchObject({
      completedBy: 'u-ann',
      completedAt: T('09:05'),
      note: 'paged db team',
      history: [{ action: 'completed', by: 'u-ann', at: T('09:05'), note: 'paged db team' }],
    });
    expect(before.steps[0]?.completedAt).toBeNull();
  });

  it('refuses completing a step twice, until it is reopened with a reason', () => {
    const done = completeStep(fresh(), 'verify_fix', { actor: 'u-ann', at: T('09:30') });
    expect(caught(() => completeStep(done, 'verify_fix', { actor: 'u-bob', at: T('09:40') }))).toMatchObject({
      code: IncidentErrorCode.INVALID_CHECKLIST,
      message:
        'step "verify_fix" was already completed by u-ann at 2026-03-10T09:30:00.000Z; reopen it with a reason to complete it again',
    });
    expect(() => reopenStep(done, 'verify_fix', { actor: 'u-bob', at: T('09:40'), reason: '  ' })).toThrow(
      'cannot reopen step "verify_fix": a reason is required',
    );
    const reopened = reopenStep(done, 'verify_fix', { actor: 'u-bob', at: T('09:40'), reason: 'errors again' });
    const again = completeStep(reopened, 'verify_fix', { actor: 'u-bob', at: T('10:00'), note: 'stable 15 min' });
    const step = again.steps.find((s) => s.id === 'verify_fix');
    expect(step).toMatchObject({ completedBy: 'u-bob', completedAt: T('10:00'), note: 'stable 15 min' });
    expect(step?.history).toEqual([
      { action: 'completed', by: 'u-ann', at: T('09:30'), note: null },
      { action: 'reopened', by: 'u-bob', at: T('09:40'), reason: 'errors again' },
      { action: 'completed', by: 'u-bob', at: T('10:00'), note: 'stable 15 min' },
    ]);
  });

  it('refuses an unknown step by name, a step that is open, and an instant before its last change', () => {
    expect(() => completeStep(fresh(), 'pray', { actor: 'u', at: T('09:00') })).toThrow(
      'checklist has no step "pray" (steps: notify_on_call_team, activate_runbook,',
    );
    expect(() => reopenStep(fresh(), 'analyze_logs', { actor: 'u', at: T('09:00'), reason: 'r' })).toThrow(
      'step "analyze_logs" is not completed; there is nothing to reopen',
    );
    const done = completeStep(fresh(), 'analyze_logs', { actor: 'u', at: T('09:30') });
    expect(() => reopenStep(done, 'analyze_logs', { actor: 'u', at: T('09:29'), reason: 'r' })).toThrow(
      'step "analyze_logs": 2026-03-10T09:29:00.000Z is before its last change (completed at 2026-03-10T09:30:00.000Z)',
    );
    expect(() => completeStep(fresh(), 'analyze_logs', { actor: ' ', at: T('09:30') })).toThrow(
      'actor must not be empty',
    );
  });
});

describe('checklistProgress', () => {
  it('counts by phase and points at the first open step in phase order', () => {
    let checklist = instantiateChecklist(CRITICAL_RESPONSE_TEMPLATE);
    expect(checklistProgress(checklist)).toMatchObject({
      total: 12,
      completed: 0,
      percent: 0,
      complete: false,
      nextStep: { id: 'notify_on_call_team', phase: 'immediate' },
    });
    for (const id of ['notify_on_call_team', 'activate_runbook', 'isolate_affected_systems', 'analyze_logs']) {
      checklist = completeStep(checklist, id, { actor: 'u', at: T('09:10') });
    }
    const progress = checklistProgress(checklist);
    expect(progress).toMatchObject({
      completed: 4,
      percent: 33,
      complete: false,
      nextStep: { id: 'gather_system_metrics' },
    });
    expect(progress.phases).toEqual([
      { phase: 'immediate', total: 3, completed: 3 },
      { phase: 'investigation', total: 3, completed: 1 },
      { phase: 'resolution', total: 3, completed: 0 },
      { phase: 'follow_up', total: 3, completed: 0 },
    ]);
  });

  it('reaches 100 only when every step is done, and follows phases over list order', () => {
    const template: ChecklistTemplate = {
      id: 'small',
      name: 'Small',
      steps: [
        { id: 'later', title: 'Write it up', phase: 'follow_up' },
        { id: 'first', title: 'Page', phase: 'immediate' },
        { id: 'fix', title: 'Fix', phase: 'resolution' },
      ],
    };
    let checklist = instantiateChecklist(template);
    expect(checklistProgress(checklist).nextStep?.id).toBe('first');
    checklist = completeStep(checklist, 'first', { actor: 'u', at: T('09:00') });
    checklist = completeStep(checklist, 'fix', { actor: 'u', at: T('09:00') });
    expect(checklistProgress(checklist)).toMatchObject({ percent: 66, complete: false, nextStep: { id: 'later' } });
    checklist = completeStep(checklist, 'later', { actor: 'u', at: T('09:00') });
    expect(checklistProgress(checklist)).toMatchObject({ percent: 100, complete: true, nextStep: null });
  });
});
