import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { TurnBatcher } from '../common/turn-batcher';
import { IncidentModel } from '../incidents/incident.model';
import { IncidentRepeatRepository } from './incident-repeat.repository';
import type { RepeatIncident } from './repeat-incident';
import { RepeatIncidentModel } from './retrospective.model';

/**
 * `Incident.repeatOf`: the earlier incident this one repeats, as recorded when an alert linked to it — what a
 * responder wants to know first: the same thing happened before, after its action items were done.
 */
@Resolver(() => IncidentModel)
export class IncidentRepeatResolver {
  /** The recorded repeats of every incident of one answer, in one statement. */
  private readonly repeats: TurnBatcher<RepeatIncident>;

  constructor(repository: IncidentRepeatRepository) {
    this.repeats = new TurnBatcher((ids) => repository.recordedFor(ids));
  }

  @ResolveField(() => RepeatIncidentModel, {
    nullable: true,
    description:
      'The earlier incident this one repeats (a shared service and alert rule, after all its action items were ' +
      'done), recorded when an alert linked; null when it repeats none',
  })
  async repeatOf(@Parent() incident: IncidentModel): Promise<RepeatIncidentModel | null> {
    return this.repeats.load(incident.id);
  }
}
