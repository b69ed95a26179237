import { assignRole, releaseRole, type RoleAssignment } from './incident-roles';
import { IncidentErrorCode } from './incident.exception';
import { CRITICAL_RESPONSE_TEMPLATE_ID } from './response-checklist';
import {
  assertValidSeverityPolicy,
  DEFAULT_ESCALATION_POLICY_ID,
  DEFAULT_SEVERITY_POLICIES,
  isUpdateOverdue,
  missingRequiredRoles,
  nextUpdateDue,
  severityPolicies,
  validateSeverityPolicy,
  type SeverityPolicy,
} from './severity-policy';
import { at, caught } from './testing/incident-core.factory';

const references = {
  escalationPolicyIds: ['default', 'db-team'],
  checklistTemplateIds: [CRITICAL_RESPONSE_TEMPLATE_ID],
};

describe('default severity policies', () => {
  it('follow the issue: P0/P1 page on-call and need a commander, a communications lead and a post-mortem', () => {
    for (const severity of ['P0', 'P1'] as const) {
      expect(DEFAULT_SEVERITY_POLICIES[severity]).toMatchObject({
        severity,
        paging: { kind: 'escalation_policy', escalationPolicyId: 'default' },
        requiredRoles: ['incident_commander', 'communications_lead'],
        postMortemRequired: true,
        checklistTemplateId: 'critical-incident-response',
      });
    }
    expect(DEFAULT_SEVERITY_POLICIES.P2).toMatchObject({
      paging: { kind: 'none' },
      requiredRoles: ['incident_commander'],
      postMortemRequired: false,
      checklistTemplateId: null,
    });
    expect(DEFAULT_SEVERITY_POLICIES.P3).toMatchObject({
      requiredRoles: [],
      postMortemRequired: false,
      updateCadenceMinutes: null,
    });
  });

  it('update P0 every 30 min, P1 every 60, P2 every 240, P3 never', () => {
    expect(Object.values(DEFAULT_SEVERITY_POLICIES).map((p) => [p.severity, p.updateCadenceMinutes])).toEqual([
      ['P0', 30],
      ['P1', 60],
      ['P2', 240],
      ['P3', null],
    ]);
  });

  it('are valid, and frozen so no caller changes them for everyone', () => {
    for (const policy of Object.values(DEFAULT_SEVERITY_POLICIES))
      expect(validateSeverityPolicy(policy, references)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_SEVERITY_POLICIES.P0)).toBe(true);
    expect(Object.isFrozen(DEFAULT_SEVERITY_POLICIES.P0.requiredRoles)).toBe(true);
    expect(DEFAULT_ESCALATION_POLICY_ID).toBe('default');
  });
});

describe('validateSeverityPolicy', () => {
  const good: SeverityPolicy = { ...DEFAULT_SEVERITY_POLICIES.P1 };

  it('lists every problem with its field', () => {
    const bad = {
      severity: 'P5',
      paging: { kind: 'escalation_policy', escalationPolicyId: 'nobody' },
      requiredRoles: ['incident_commander', 'boss', 'incident_commander'],
      postMortemRequired: 'yes',
      updateCadenceMinutes: 2,
      checklistTemplateId: 'missing-template',
    } as unknown as SeverityPolicy;
    expect(validateSeverityPolicy(bad, references).map((i) => i.message)).toEqual([
      'severity must be one of P0, P1, P2, P3, got "P5"',
      'paging.escalationPolicyId names an unknown escalation policy "nobody"',
      'requiredRoles[1] is not an incident role: "boss"',
      'requiredRoles[2] repeats incident_commander',
      'postMortemRequired must be true or false, got "yes"',
      'updateCadenceMinutes must be null or an integer from 5 to 10080, got 2',
      'checklistTemplateId names an unknown checklist template "missing-template"',
    ]);
  });

  it.each([
    [{ paging: { kind: 'sms' } }, 'paging.kind must be escalation_policy or none, got "sms"'],
    [
      { paging: { kind: 'escalation_policy', escalationPolicyId: '' } },
      'paging.escalationPolicyId must be an id, got ""',
    ],
    [{ updateCadenceMinutes: 10081 }, 'updateCadenceMinutes must be null or an integer from 5 to 10080, got 10081'],
    [{ updateCadenceMinutes: 7.5 }, 'updateCadenceMinutes must be null or an integer from 5 to 10080, got 7.5'],
    [{ requiredRoles: 'incident_commander' }, 'requiredRoles must be a list of roles'],
  ])('refuses %j', (change, message) => {
    expect(validateSeverityPolicy({ ...good, ...change } as unknown as SeverityPolicy)).toEqual([
      expect.objectContaining({ message }),
    ]);
  });

  it('does not check references when no lists are given', () => {
    expect(
      validateSeverityPolicy({ ...good, paging: { kind: 'escalation_policy', escalationPolicyId: 'anything' } }),
    ).toEqual([]);
  });

  it('throws INVALID_SEVERITY_POLICY with the issues in the details', () => {
    const error = caught(() => assertValidSeverityPolicy({ ...good, updateCadenceMinutes: 0 }));
    expect(error).toMatchObject({
      code: IncidentErrorCode.INVALID_SEVERITY_POLICY,
      category: 'BAD_USER_INPUT',
      details: { issues: [{ field: 'updateCadenceMinutes' }] },
    });
  });
});

describe('severityPolicies', () => {
  it('takes configured policies and the defaults for the rest', () => {
    const p2: SeverityPolicy = {
      ...DEFAULT_SEVERITY_POLICIES.P2,
      paging: { kind: 'escalation_policy', escalationPolicyId: 'db-team' },
    };
    const policies = severityPolicies({ P2: p2 }, references);
    expect(policies.P2).toBe(p2);
    expect(policies.P0).toBe(DEFAULT_SEVERITY_POLICIES.P0);
    expect(Object.keys(policies)).toEqual(['P0', 'P1', 'P2', 'P3']);
  });

  it('refuses every problem at once, fields prefixed with the severity', () => {
    expect(() =>
      severityPolicies({
        P1: { ...DEFAULT_SEVERITY_POLICIES.P0 },
        P2: { ...DEFAULT_SEVERITY_POLICIES.P2, updateCadenceMinutes: 1 },
        P9: DEFAULT_SEVERITY_POLICIES.P3,
      }),
    ).toThrow(
      'P1.severity must be P1, got "P0"; P2.updateCadenceMinutes must be null or an integer from 5 to 10080, got 1; P9 is not a severity (P0, P1, P2, P3)',
    );
  });
});

describe('missingRequiredRoles', () => {
  const T = (hhmm: string): Date => at(`2026-03-10T${hhmm}:00Z`);
  let roles: RoleAssignment[] = assignRole([], {
    id: 'a1',
    role: 'incident_commander',
    userId: 'u-ann',
    at: T('09:00'),
    assignedBy: 'u',
  });
  roles = assignRole(roles, {
    id: 'a2',
    role: 'communications_lead',
    userId: 'u-bob',
    at: T('09:20'),
    assignedBy: 'u',
  });
  roles = releaseRole(roles, { role: 'communications_lead', at: T('10:00') });

  it('names the required roles nobody holds at the instant, in the policy order', () => {
    const p0 = DEFAULT_SEVERITY_POLICIES.P0;
    expect(missingRequiredRoles(p0, roles, T('08:00'))).toEqual(['incident_commander', 'communications_lead']);
    expect(missingRequiredRoles(p0, roles, T('09:10'))).toEqual(['communications_lead']);
    expect(missingRequiredRoles(p0, roles, T('09:30'))).toEqual([]);
    expect(missingRequiredRoles(p0, roles, T('10:00'))).toEqual(['communications_lead']);
    expect(missingRequiredRoles(DEFAULT_SEVERITY_POLICIES.P3, [], T('10:00'))).toEqual([]);
  });
});

describe('update cadence', () => {
  const last = at('2026-03-10T09:00:00Z');

  it('is due one cadence after the last update, or never', () => {
    expect(nextUpdateDue(DEFAULT_SEVERITY_POLICIES.P0, last)).toEqual(at('2026-03-10T09:30:00Z'));
    expect(nextUpdateDue(DEFAULT_SEVERITY_POLICIES.P2, last)).toEqual(at('2026-03-10T13:00:00Z'));
    expect(nextUpdateDue(DEFAULT_SEVERITY_POLICIES.P3, last)).toBeNull();
  });

  it('is overdue only after the due instant', () => {
    const p1 = DEFAULT_SEVERITY_POLICIES.P1;
    expect(isUpdateOverdue(p1, last, at('2026-03-10T10:00:00Z'))).toBe(false);
    expect(isUpdateOverdue(p1, last, at('2026-03-10T10:00:00.001Z'))).toBe(true);
    expect(isUpdateOverdue(DEFAULT_SEVERITY_POLICIES.P3, last, at('2027-01-01T00:00:00Z'))).toBe(false);
  });
});
