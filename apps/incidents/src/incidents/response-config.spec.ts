import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RESPONSE_CONFIG, parseResponseConfig } from './response-config';
import { loadResponseConfig } from './response-policy';
import { CRITICAL_RESPONSE_TEMPLATE_ID, resolveChecklistTemplate } from './response-checklist';

const dbTemplate = {
  id: 'database-incident',
  name: 'Database incident',
  steps: [
    { id: 'freeze_migrations', title: 'Freeze schema migrations', phase: 'immediate' },
    { id: 'check_replication', title: 'Check replication lag', phase: 'investigation' },
  ],
};

describe('parseResponseConfig', () => {
  it('keeps the defaults for an empty document', () => {
    const config = parseResponseConfig({});
    expect(config.policies).toEqual(DEFAULT_RESPONSE_CONFIG.policies);
    expect([...config.templates.keys()]).toEqual([CRITICAL_RESPONSE_TEMPLATE_ID]);
    expect(config.typeRules).toEqual([]);
  });

  it('adds templates, a type rule and a severity policy, leaving the other severities at their defaults', () => {
    const config = parseResponseConfig({
      checklistTemplates: [dbTemplate],
      checklistRules: [{ incidentType: 'database', severity: 'P2', templateId: 'database-incident' }],
      severityPolicies: {
        P2: {
          paging: { kind: 'escalation_policy', escalationPolicyId: 'database-oncall' },
          requiredRoles: ['incident_commander', 'scribe'],
          postMortemRequired: true,
          updateCadenceMinutes: 120,
          checklistTemplateId: null,
        },
      },
    });
    expect(config.policies.P2).toMatchObject({ severity: 'P2', postMortemRequired: true, updateCadenceMinutes: 120 });
    expect(config.policies.P1).toBe(DEFAULT_RESPONSE_CONFIG.policies.P1);
    expect(
      resolveChecklistTemplate({ severity: 'P2', type: 'database' }, config.policies.P2, config.typeRules),
    ).toEqual({
      templateId: 'database-incident',
      matchedBy: 'type_and_severity',
    });
    expect(resolveChecklistTemplate({ severity: 'P2', type: 'network' }, config.policies.P2, config.typeRules)).toEqual(
      {
        templateId: null,
        matchedBy: 'none',
      },
    );
  });

  it('names every problem at once', () => {
    expect(() =>
      parseResponseConfig({
        checklistTemplates: [{ ...dbTemplate, steps: [{ id: 'x', title: '', phase: 'later' }] }],
        checklistRules: [{ incidentType: 'database', severity: 'P9', templateId: 'nope' }],
        severityPolicies: { P5: {}, P1: { paging: { kind: 'pager' } } },
        colour: 'blue',
      }),
    ).toThrow(
      /colour is not a setting.*checklistTemplates\[0\]\.steps\[0\]\.title must have 1 to 200 characters, got 0.*checklistTemplates\[0\]\.steps\[0\]\.phase must be one of.*checklistRules\[0\]\.severity must be one of P0, P1, P2, P3, got "P9".*checklistRules\[0\]\.templateId names an unknown checklist template "nope".*severityPolicies\.P5 is not a severity.*severityPolicies\.P1\.paging\.kind must be escalation_policy or none/,
    );
  });

  it('refuses a document that is not an object', () => {
    expect(() => parseResponseConfig([])).toThrow('response configuration must be an object');
  });
});

describe('loadResponseConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keel-response-'));

  it('uses the defaults without a file, and reads one when given', () => {
    expect(loadResponseConfig(undefined)).toBe(DEFAULT_RESPONSE_CONFIG);
    const file = join(dir, 'response.json');
    writeFileSync(file, JSON.stringify({ checklistTemplates: [dbTemplate] }));
    expect([...loadResponseConfig(file).templates.keys()]).toEqual([
      CRITICAL_RESPONSE_TEMPLATE_ID,
      'database-incident',
    ]);
  });

  it('names the file when it cannot be read or parsed', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    expect(() => loadResponseConfig(broken)).toThrow(new RegExp(`^INCIDENTS_RESPONSE_CONFIG_FILE ${broken}: `));
    expect(() => loadResponseConfig(join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});
