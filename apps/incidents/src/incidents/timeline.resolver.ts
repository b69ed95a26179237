import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { IncidentModel } from './incident.model';
import { describeTimelineEntry, type TimelineEntry } from './timeline';
import { TimelineEntryModel } from './timeline.model';
import { TimelineRepository } from './timeline.repository';

export function toTimelineEntryModel(entry: TimelineEntry): TimelineEntryModel {
  return {
    id: entry.id,
    kind: entry.detail.kind,
    actor: { id: entry.actor.id, name: entry.actor.name ?? entry.actor.id },
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    key: entry.key,
    summary: describeTimelineEntry(entry),
  };
}

/** `Incident.timeline`: the incident's entries in time order (occurredAt, recordedAt, id). */
@Resolver(() => IncidentModel)
export class TimelineResolver {
  constructor(private readonly repository: TimelineRepository) {}

  @ResolveField(() => [TimelineEntryModel], { description: 'The incident timeline, in time order' })
  async timeline(@Parent() incident: IncidentModel): Promise<TimelineEntryModel[]> {
    return (await this.repository.forIncident(incident.id)).map(toTimelineEntryModel);
  }
}
