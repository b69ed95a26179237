import { SetMetadata } from '@nestjs/common';

export const AUDITED_METADATA = 'keel:audited';

export interface AuditedOptions {
  /** Dotted action name; default `<service>.<mutation_name_in_snake_case>`. */
  action?: string;
  /** Resource type, e.g. `user`; default `mutation`. */
  resource?: string;
  /** Picks the resource id from the mutation's arguments and result; default: the mutation's name. */
  resourceId?: (args: Record<string, unknown>, result: unknown) => string | undefined;
}

/** Describes how a mutation appears in the audit trail. Every mutation is audited, with or without it. */
export const Audited = (options: AuditedOptions): MethodDecorator => SetMetadata(AUDITED_METADATA, options);
