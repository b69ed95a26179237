/** BullMQ queue names. Each has its own workers so backup or audit work never waits behind cleanup. */
export const MAINTENANCE_QUEUE = 'keel-maintenance';
export const BACKUP_QUEUE = 'keel-backup';
export const AUDIT_QUEUE = 'keel-audit';
