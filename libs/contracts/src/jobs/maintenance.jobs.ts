import { z } from 'zod';
import { defineJob } from '../job-contract';
import { IsoDate, YearMonth } from '../shared/primitives';
import { MAINTENANCE_QUEUE } from './queues';

/** PostgreSQL schema names as Keel creates them; anything else is refused before it reaches SQL. */
const SchemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lower-case PostgreSQL schema name' });

export const dailyCleanupJob = defineJob({
  queue: MAINTENANCE_QUEUE,
  name: 'daily-cleanup',
  description: 'Delete logs and expired data older than the retention period.',
  schema: z.object({
    logRetentionDays: z.int().min(1).max(3650).default(30),
    dryRun: z.boolean().default(false),
  }),
});

export const databaseOptimizeJob = defineJob({
  queue: MAINTENANCE_QUEUE,
  name: 'database-optimize',
  description: 'VACUUM ANALYZE and reindex bloated indexes; all Keel schemas when none are named.',
  schema: z.object({
    schemas: z.array(SchemaName).min(1).optional(),
  }),
});

export const weeklyPerformanceReviewJob = defineJob({
  queue: MAINTENANCE_QUEUE,
  name: 'weekly-performance-review',
  description: 'Summarise latency, error rate and resource use for the week starting at weekStart.',
  schema: z.object({
    weekStart: IsoDate,
  }),
});

export const weeklySecurityReviewJob = defineJob({
  queue: MAINTENANCE_QUEUE,
  name: 'weekly-security-review',
  description: 'Review failed logins, API key use, role changes and dependency vulnerabilities.',
  schema: z.object({}),
});

export const monthlySystemAuditJob = defineJob({
  queue: MAINTENANCE_QUEUE,
  name: 'monthly-system-audit',
  description: 'Full system audit for one month: access, configuration drift, backups and compliance.',
  schema: z.object({
    month: YearMonth,
  }),
});

export const capacityPlanningJob = defineJob({
  queue: MAINTENANCE_QUEUE,
  name: 'capacity-planning',
  description: 'Project storage, CPU and memory growth from the metrics of one month.',
  schema: z.object({
    month: YearMonth,
  }),
});

export const maintenanceJobs = [
  dailyCleanupJob,
  databaseOptimizeJob,
  weeklyPerformanceReviewJob,
  weeklySecurityReviewJob,
  monthlySystemAuditJob,
  capacityPlanningJob,
] as const;
