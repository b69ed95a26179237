// PostgreSQL SQLSTATE codes the repositories turn into feature errors.
const UNIQUE_VIOLATION = '23505';

interface PgDriverError {
  code?: unknown;
  constraint?: unknown;
}

/** True when `error` is PostgreSQL refusing a duplicate for the named unique constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof Error)) return false;
  const driverError = (error as Error & { driverError?: PgDriverError }).driverError ?? (error as PgDriverError);
  return driverError.code === UNIQUE_VIOLATION && driverError.constraint === constraint;
}
