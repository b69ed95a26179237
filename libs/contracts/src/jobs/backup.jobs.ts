import { z } from 'zod';
import { defineJob } from '../job-contract';
import { Actor } from '../shared/actor';
import { NonEmptyString, Uuid } from '../shared/primitives';
import { BACKUP_QUEUE } from './queues';

export const BackupKind = z.enum(['full', 'database']);
export type BackupKind = z.output<typeof BackupKind>;

export const backupRunJob = defineJob({
  queue: BACKUP_QUEUE,
  name: 'backup-run',
  description: 'Take a backup of the given kind; the actor is recorded on the backup and in the audit trail.',
  schema: z.object({
    kind: BackupKind,
    requestedBy: Actor,
  }),
});

export const backupVerifyJob = defineJob({
  queue: BACKUP_QUEUE,
  name: 'backup-verify',
  description: 'Verify a backup by restoring it into a scratch database and checking it.',
  schema: z.object({
    backupId: Uuid,
  }),
});

export const drDrillJob = defineJob({
  queue: BACKUP_QUEUE,
  name: 'dr-drill',
  description: 'Run a disaster-recovery drill for the named scenario and record how long recovery took.',
  schema: z.object({
    scenario: NonEmptyString,
  }),
});

export const backupJobs = [backupRunJob, backupVerifyJob, drDrillJob] as const;
