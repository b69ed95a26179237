import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { TurnBatcher } from '../common/turn-batcher';
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
  /** The entries of every incident of one answer, in one statement. */
  private readonly entries: TurnBatcher<TimelineEntry[]>;

  constructor(repository: TimelineRepository) {
    this.entries = new TurnBatcher((ids) => repository.forIncidents(ids));
  }

  @ResolveField(() => [TimelineEntryModel], { description: 'The incident timeline, in time order' })
  async timeline(@Parent() incident: IncidentModel): Promise<TimelineEntryModel[]> {
    return ((await this.entries.load(incident.id)) ?? []).map(toTimelineEntryModel);
  }
}
