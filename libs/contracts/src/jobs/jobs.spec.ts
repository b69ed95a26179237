import { parseContract } from '../parse-contract';
import { auditArchiveJob, auditVerifyChainJob, complianceCheckJob } from './audit.jobs';
import { backupRunJob, backupVerifyJob, drDrillJob } from './backup.jobs';
import {
  capacityPlanningJob,
  dailyCleanupJob,
  databaseOptimizeJob,
  monthlySystemAuditJob,
  weeklyPerformanceReviewJob,
  weeklySecurityReviewJob,
} from './maintenance.jobs';

describe('maintenance jobs', () => {
  it('daily-cleanup fills in retention and dry-run defaults', () => {
    expect(parseContract(dailyCleanupJob, {})).toEqual({ ok: true, value: { logRetentionDays: 30, dryRun: false } });
    expect(parseContract(dailyCleanupJob, { logRetentionDays: 0 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^logRetentionDays: /),
    });
  });

  it('database-optimize accepts schema names and refuses anything SQL-like', () => {
    expect(parseContract(databaseOptimizeJob, {}).ok).toBe(true);
    expect(parseContract(databaseOptimizeJob, { schemas: ['metrics', 'audit_log'] }).ok).toBe(true);
    expect(parseContract(databaseOptimizeJob, { schemas: ['metrics; DROP TABLE x'] })).toEqual({
      ok: false,
      reason: 'schemas[0]: must be a lower-case PostgreSQL schema name',
    });
  });

  it('weekly-performance-review needs an ISO date', () => {
    expect(parseContract(weeklyPerformanceReviewJob, { weekStart: '2026-11-23' }).ok).toBe(true);
    expect(parseContract(weeklyPerformanceReviewJob, { weekStart: '2026-11-23T00:00:00Z' })).toEqual({
      ok: false,
      reason: 'weekStart: must be an ISO 8601 date (YYYY-MM-DD)',
    });
    expect(parseContract(weeklyPerformanceReviewJob, {})).toEqual({ ok: false, reason: 'weekStart: required' });
  });

  it('weekly-security-review takes no data', () => {
    expect(parseContract(weeklySecurityReviewJob, {})).toEqual({ ok: true, value: {} });
  });

  it.each([monthlySystemAuditJob, capacityPlanningJob])('$name takes a YYYY-MM month', (job) => {
    expect(parseContract(job, { month: '2026-11' }).ok).toBe(true);
    expect(parseContract(job, { month: '2026-13' })).toEqual({
      ok: false,
      reason: 'month: must be a month as YYYY-MM',
    });
    expect(parseContract(job, { month: '2026-1' }).ok).toBe(false);
  });
});

describe('backup jobs', () => {
  it('backup-run records who asked for it', () => {
    const requestedBy = { type: 'user', id: 'u-1', roles: ['admin'] };
    expect(parseContract(backupRunJob, { kind: 'full', requestedBy })).toEqual({
      ok: true,
      value: { kind: 'full', requestedBy },
    });
    expect(parseContract(backupRunJob, { kind: 'incremental' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^kind: .*; requestedBy: required$/),
    });
  });

  it('backup-verify needs a backup UUID', () => {
    expect(parseContract(backupVerifyJob, { backupId: 'b-1' })).toEqual({
      ok: false,
      reason: 'backupId: must be a UUID',
    });
  });

  it('dr-drill needs a scenario', () => {
    expect(parseContract(drDrillJob, { scenario: 'database-loss' }).ok).toBe(true);
    expect(parseContract(drDrillJob, { scenario: '' }).ok).toBe(false);
  });
});

describe('audit jobs', () => {
  it('audit-verify-chain starts anywhere from sequence 0', () => {
    expect(parseContract(auditVerifyChainJob, {})).toEqual({ ok: true, value: {} });
    expect(parseContract(auditVerifyChainJob, { fromSequence: 120 }).ok).toBe(true);
    expect(parseContract(auditVerifyChainJob, { fromSequence: -1 }).ok).toBe(false);
  });

  it('compliance-check runs named checks or all', () => {
    expect(parseContract(complianceCheckJob, {}).ok).toBe(true);
    expect(parseContract(complianceCheckJob, { checks: [] })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^checks: /),
    });
  });

  it('audit-archive needs a whole number of days', () => {
    expect(parseContract(auditArchiveJob, { olderThanDays: 365 }).ok).toBe(true);
    expect(parseContract(auditArchiveJob, { olderThanDays: 1.5 }).ok).toBe(false);
  });
});
