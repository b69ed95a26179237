import type { z } from 'zod';

/** A BullMQ job: the queue it runs on, its name there, and the schema of its data. */
export interface JobContract<S extends z.ZodType = z.ZodType> {
  readonly queue: string;
  readonly name: string;
  readonly description: string;
  readonly schema: S;
}

export function defineJob<S extends z.ZodType>(definition: JobContract<S>): JobContract<S> {
  return Object.freeze({ ...definition });
}

/** Job data after validation (defaults applied), as a processor sees it. */
export type JobData<C extends JobContract> = z.output<C['schema']>;
/** Job data as a producer may enqueue it. */
export type JobDataInput<C extends JobContract> = z.input<C['schema']>;
