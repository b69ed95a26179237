import { Field, InputType } from '@nestjs/graphql';
import { ContactMethodKindEnum } from '../escalation.model';
import type { ContactMethodKind } from '../contact-methods';

@InputType({ description: 'EMAIL takes `email`; WEBHOOK and SLACK take `secretUrl` (redacted in the audit trail)' })
export class ContactMethodInput {
  @Field(() => ContactMethodKindEnum)
  kind!: ContactMethodKind;

  @Field(() => String, { nullable: true, description: 'EMAIL only: the address' })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'WEBHOOK and SLACK only: the http(s) URL; kept secret (shown as scheme and host only)',
  })
  secretUrl?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  enabled?: boolean | null;
}
