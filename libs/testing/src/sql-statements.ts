import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The SQL statements matching `pattern` that a Nest app sent through its TypeORM DataSource while `work` ran:
 * TypeORM hands every statement to its logger, so a test can count what a read costs (e.g. one statement for a
 * whole list instead of one per item). Statements sent by other means (a raw `pg` client) are not seen.
 */
export async function statementsWhile<T>(
  app: INestApplication,
  pattern: RegExp,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const logger = app.get(DataSource).logger;
  const original = logger.logQuery.bind(logger);
  const statements: string[] = [];
  logger.logQuery = (query, parameters, queryRunner) => {
    statements.push(query);
    return original(query, parameters, queryRunner);
  };
  try {
    const result = await work();
    return { result, statements: statements.filter((sql) => pattern.test(sql)) };
  } finally {
    logger.logQuery = original;
  }
}
