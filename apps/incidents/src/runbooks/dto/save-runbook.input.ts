import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class SaveRunbookInput {
  @Field({ description: 'Path-like name without .md, e.g. `db-failover` or `database/failover`' })
  name!: string;

  @Field({
    description: 'The whole file: YAML front matter (owner, alerts, services, incident_types, ...) then Markdown',
  })
  markdown!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Null or 0: create the runbook. Else the version the change was based on (its currentVersion)',
  })
  expectedVersion?: number | null;
}
