import type { TopicContract } from '@keel/contracts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

// Tests of this lib use their own small contract so that they do not depend on the real topics.
export const testEventSchema = z.object({
  id: z.string().min(1),
  n: z.number().int(),
  note: z.string().default(''),
});

export type TestEvent = z.output<typeof testEventSchema>;

export function testContract(topic = `test.${randomUUID().slice(0, 8)}.events`): TopicContract<typeof testEventSchema> {
  return {
    topic,
    dlq: `${topic}.dlq`,
    version: 2,
    description: 'events used by the kafka lib tests',
    schema: testEventSchema,
    key: (value) => value.id,
  };
}
