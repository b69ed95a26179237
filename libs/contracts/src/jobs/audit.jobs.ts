import { z } from 'zod';
import { defineJob } from '../job-contract';
import { NonEmptyString } from '../shared/primitives';
import { AUDIT_QUEUE } from './queues';

export const auditVerifyChainJob = defineJob({
  queue: AUDIT_QUEUE,
  name: 'audit-verify-chain',
  description: 'Recompute the audit hash chain from a sequence number (the start when absent) and report breaks.',
  schema: z.object({
    fromSequence: z.int().min(0).optional(),
  }),
});

export const complianceCheckJob = defineJob({
  queue: AUDIT_QUEUE,
  name: 'compliance-check',
  description: 'Run the named compliance checks, or all of them when none are named.',
  schema: z.object({
    checks: z.array(NonEmptyString).min(1).optional(),
  }),
});

export const auditArchiveJob = defineJob({
  queue: AUDIT_QUEUE,
  name: 'audit-archive',
  description: 'Move audit entries older than the given age to the archive, keeping the chain verifiable.',
  schema: z.object({
    olderThanDays: z.int().min(1),
  }),
});

export const auditJobs = [auditVerifyChainJob, complianceCheckJob, auditArchiveJob] as const;
