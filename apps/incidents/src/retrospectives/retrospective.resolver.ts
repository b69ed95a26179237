import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, validateListLimit } from './retrospective-report';
import { toMeetingModel, toRetrospectiveModel } from './retrospective.mapper';
import { RetrospectiveMeetingModel, RetrospectiveModel } from './retrospective.model';
import { RetrospectiveService } from './retrospective.service';

// recordRetrospective is audited on resource `retrospective` with the canonical period label as id, followed by
// `/<service>` for one service's meeting.
const periodId = (_args: Record<string, unknown>, result: unknown): string | undefined => {
  const meeting = result as { period?: string; service?: string | null } | undefined;
  if (meeting?.period === undefined) return undefined;
  return meeting.service ? `${meeting.period}/${meeting.service}` : meeting.period;
};

@Resolver(() => RetrospectiveModel)
export class RetrospectiveResolver {
  constructor(private readonly service: RetrospectiveService) {}

  @Query(() => RetrospectiveModel, {
    description:
      'The retrospective of a period: a year (2026), quarter (2026-Q3), month (2026-09) or range ' +
      '(2026-07-01/2026-09-30), in UTC; optionally only incidents listing a service',
  })
  async retrospective(
    @Args('period') period: string,
    @Args('service', { type: () => String, nullable: true }) service?: string | null,
    @Args('first', {
      type: () => Int,
      nullable: true,
      defaultValue: DEFAULT_LIST_LIMIT,
      description: `At most this many entries in each list of the report (1 to ${MAX_LIST_LIMIT}); totals counts them all`,
    })
    first?: number | null,
  ): Promise<RetrospectiveModel> {
    const limit = validateListLimit(first);
    return toRetrospectiveModel(await this.service.report(period, service), limit);
  }

  @Mutation(() => RetrospectiveMeetingModel, {
    description:
      'Records the retrospective meeting of a period, or of a period and one service (improvements agreed, ' +
      'notes, follow-up day). Without ' +
      'expectedVersion it creates it (CONFLICT when recorded); with it, replaces it at that version. The ' +
      'follow-up day defaults to the suggested one',
  })
  @Roles('responder')
  @Audited({ resource: 'retrospective', resourceId: periodId })
  async recordRetrospective(
    @Args('period') period: string,
    @Args('service', {
      type: () => String,
      nullable: true,
      description: "One service's meeting (as retrospective(period, service) shows it); omitted: the period's",
    })
    service: string | null | undefined,
    @Args('improvements', { type: () => [String] }) improvements: string[],
    @Args('notes', { type: () => String, nullable: true }) notes: string | null | undefined,
    @Args('followUpDate', { type: () => String, nullable: true, description: 'YYYY-MM-DD' })
    followUpDate: string | null | undefined,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null | undefined,
    @CurrentIdentity() identity: Identity,
  ): Promise<RetrospectiveMeetingModel> {
    return toMeetingModel(
      await this.service.record(
        period,
        service,
        { improvements, notes, followUpDate, expectedVersion },
        identityToActor(identity),
      ),
    );
  }
}
