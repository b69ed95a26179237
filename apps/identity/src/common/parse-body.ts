import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** Validates a JSON request body; a bad one is a 400 naming each offending field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  throw new BadRequestException(`invalid request body: ${problems.join('; ')}`);
}
