import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IncidentSeverity } from '@keel/contracts';
import { IncidentSeverityEnum, UserReference } from '../incidents/incident.model';
import { ContributingFactorCategoryEnum } from '../postmortems/post-mortem.model';
import type { ContributingFactorCategory } from '../postmortems';
import type { ImprovementKind } from './retrospective';
import type { PeriodKind } from './period';

// Query:    retrospective(period: String!, service: String): Retrospective!   (viewer)
// Mutation: recordRetrospective(period: String!, improvements: [String!]!, notes: String, followUpDate: String,
//           expectedVersion: Int): RetrospectiveMeeting!   (responder)
// Durations are in seconds (the pure module's milliseconds / 1000), nearest-rank median and p90.

const PERIOD_KINDS: readonly PeriodKind[] = ['year', 'quarter', 'month', 'range'];
const IMPROVEMENT_KINDS: readonly ImprovementKind[] = [
  'repeat_incident',
  'recurring_factor',
  'overdue_action_items',
  'missing_post_mortems',
  'recommendation',
];
function upperEnum<T extends string>(values: readonly T[]): { [K in T as Uppercase<K>]: K } {
  return Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as { [K in T as Uppercase<K>]: K };
}
export const PeriodKindEnum = upperEnum(PERIOD_KINDS);
export const ImprovementKindEnum = upperEnum(IMPROVEMENT_KINDS);
export const FollowUpDateSourceEnum = { RECORDED: 'recorded', SUGGESTED: 'suggested' } as const;
export type FollowUpDateSource = (typeof FollowUpDateSourceEnum)[keyof typeof FollowUpDateSourceEnum];
registerEnumType(PeriodKindEnum, { name: 'RetrospectivePeriodKind' });
registerEnumType(ImprovementKindEnum, {
  name: 'RetrospectiveImprovementKind',
  description:
    'Why the report suggests it: a repeat, a recurring factor, overdue items, missing post-mortems, or a recommendation',
});
registerEnumType(FollowUpDateSourceEnum, {
  name: 'RetrospectiveFollowUpDateSource',
  description: 'RECORDED: set by recordRetrospective; SUGGESTED: 30 days after the day of the report',
});

@ObjectType('RetrospectivePeriod', { description: 'Half-open [from, to) in UTC' })
export class RetrospectivePeriodModel {
  @Field(() => PeriodKindEnum)
  kind!: PeriodKind;

  @Field({ description: 'As written canonically: 2026, 2026-Q3, 2026-09, or start/end for a range' })
  label!: string;

  @Field()
  from!: Date;

  @Field()
  to!: Date;
}

@ObjectType('RetrospectiveSeverityCount')
export class RetrospectiveSeverityCountModel {
  @Field(() => IncidentSeverityEnum)
  severity!: IncidentSeverity;

  @Field(() => Int)
  count!: number;
}

@ObjectType('RetrospectiveServiceCount')
export class RetrospectiveServiceCountModel {
  @Field()
  service!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('DurationStats', {
  description: 'Nearest-rank median and p90 in seconds over the incidents that have both milestones',
})
export class DurationStatsModel {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true })
  medianSeconds!: number | null;

  @Field(() => Float, { nullable: true })
  p90Seconds!: number | null;
}

@ObjectType('SeverityDurationStats')
export class SeverityDurationStatsModel {
  @Field(() => IncidentSeverityEnum)
  severity!: IncidentSeverity;

  @Field(() => DurationStatsModel)
  stats!: DurationStatsModel;
}

@ObjectType('ResponseTimeStats', { description: 'Overall and for each severity P0–P3 (each present)' })
export class ResponseTimeStatsModel {
  @Field(() => DurationStatsModel)
  overall!: DurationStatsModel;

  @Field(() => [SeverityDurationStatsModel])
  bySeverity!: SeverityDurationStatsModel[];
}

@ObjectType('RepeatIncident', {
  description:
    'An incident of the period on the same service and trigger as an earlier one whose action items were all done',
})
export class RepeatIncidentModel {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => ID)
  earlierIncidentId!: string;

  @Field(() => [String])
  services!: string[];

  @Field(() => [String], { description: 'Alert rule names (alertname) both incidents were opened by' })
  triggers!: string[];

  @Field({ description: "When the earlier incident's last action item was closed" })
  actionItemsDoneAt!: Date;
}

@ObjectType('RetrospectivePostMortems')
export class RetrospectivePostMortemsModel {
  @Field(() => Int)
  required!: number;

  @Field(() => Int)
  published!: number;

  @Field(() => [ID], { description: 'At most `first` of them; totals.missingPostMortems counts them all' })
  missingIncidentIds!: string[];
}

@ObjectType('RetrospectiveActionItems', {
  description: "Action items of the period's published post-mortems",
})
export class RetrospectiveActionItemsModel {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  open!: number;

  @Field(() => Int)
  inProgress!: number;

  @Field(() => Int)
  done!: number;

  @Field(() => Int)
  wontDo!: number;

  @Field(() => Int)
  overdue!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'done / (total − wontDo) × 100; null when nothing is owed',
  })
  completionPercent!: number | null;
}

@ObjectType('RetrospectiveLesson')
export class RetrospectiveLessonModel {
  @Field(() => ID)
  incidentId!: string;

  @Field(() => ID)
  postMortemId!: string;

  @Field()
  text!: string;
}

@ObjectType('RetrospectiveFactorTrend')
export class RetrospectiveFactorTrendModel {
  @Field(() => ContributingFactorCategoryEnum)
  category!: ContributingFactorCategory;

  @Field()
  label!: string;

  @Field(() => Int, { description: 'Incidents of the period whose published post-mortem cites it' })
  incidents!: number;

  @Field(() => Int, { description: 'The same for the previous period' })
  previousIncidents!: number;
}

@ObjectType('RetrospectiveImprovement')
export class RetrospectiveImprovementModel {
  @Field(() => ImprovementKindEnum)
  kind!: ImprovementKind;

  @Field()
  message!: string;

  @Field(() => [ID], { description: 'At most `first` of them; incidentCount counts them all' })
  incidentIds!: string[];

  @Field(() => Int)
  incidentCount!: number;
}

@ObjectType('RetrospectiveTotals', {
  description: 'The full length of each list of the report, whose entries are bounded by `first`',
})
export class RetrospectiveTotalsModel {
  @Field(() => Int)
  repeatIncidents!: number;

  @Field(() => Int)
  missingPostMortems!: number;

  @Field(() => Int)
  whatWentWell!: number;

  @Field(() => Int)
  whatWentWrong!: number;

  @Field(() => Int)
  whereWeGotLucky!: number;

  @Field(() => Int)
  improvements!: number;
}

@ObjectType('RetrospectiveMeeting', {
  description: 'The retrospective held for a period (the seed: RetrospectiveManager.conductRetrospective)',
})
export class RetrospectiveMeetingModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The canonical period label' })
  period!: string;

  @Field(() => String, { nullable: true, description: "The service of a service's meeting; null: the period's" })
  service!: string | null;

  @Field(() => [String], { description: 'Improvements agreed in the meeting' })
  improvements!: string[];

  @Field()
  notes!: string;

  @Field({ description: 'YYYY-MM-DD' })
  followUpDate!: string;

  @Field(() => UserReference)
  heldBy!: UserReference;

  @Field(() => Int)
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('Retrospective', {
  description:
    "A period's incidents, response times, repeats, action items and lessons (the seed's RetrospectiveReport)",
})
export class RetrospectiveModel {
  @Field(() => RetrospectivePeriodModel)
  period!: RetrospectivePeriodModel;

  @Field(() => String, { nullable: true, description: 'Only incidents listing this service, when given' })
  service!: string | null;

  @Field()
  generatedAt!: Date;

  @Field({ description: 'The period has not ended yet' })
  partial!: boolean;

  @Field(() => Int, { description: 'Incidents opened in the period (not in triage, declined or merged)' })
  incidentCount!: number;

  @Field(() => [RetrospectiveSeverityCountModel], { description: 'P0 to P3, each present' })
  bySeverity!: RetrospectiveSeverityCountModel[];

  @Field(() => [RetrospectiveServiceCountModel], {
    description: 'An incident counts for each of its services; most first',
  })
  byService!: RetrospectiveServiceCountModel[];

  @Field(() => Int)
  withoutService!: number;

  @Field(() => ResponseTimeStatsModel, { description: 'detected → acknowledged' })
  timeToAcknowledge!: ResponseTimeStatsModel;

  @Field(() => ResponseTimeStatsModel, { description: 'detected → resolved' })
  timeToResolve!: ResponseTimeStatsModel;

  @Field(() => [RepeatIncidentModel], { description: 'In the order they happened; at most `first`' })
  repeatIncidents!: RepeatIncidentModel[];

  @Field(() => RetrospectivePostMortemsModel)
  postMortems!: RetrospectivePostMortemsModel;

  @Field(() => RetrospectiveActionItemsModel)
  actionItems!: RetrospectiveActionItemsModel;

  @Field(() => [RetrospectiveLessonModel], { description: "From the period's published post-mortems" })
  whatWentWell!: RetrospectiveLessonModel[];

  @Field(() => [RetrospectiveLessonModel])
  whatWentWrong!: RetrospectiveLessonModel[];

  @Field(() => [RetrospectiveLessonModel])
  whereWeGotLucky!: RetrospectiveLessonModel[];

  @Field(() => [RetrospectiveFactorTrendModel], { description: 'Every taxonomy category, in taxonomy order' })
  contributingFactors!: RetrospectiveFactorTrendModel[];

  @Field(() => [RetrospectiveImprovementModel], {
    description: 'Suggested by the report, most pressing first; at most `first`',
  })
  improvements!: RetrospectiveImprovementModel[];

  @Field(() => RetrospectiveTotalsModel)
  totals!: RetrospectiveTotalsModel;

  @Field(() => [String], { description: 'Improvements agreed in the recorded meeting (empty without one)' })
  agreedImprovements!: string[];

  @Field({ description: 'YYYY-MM-DD: the recorded meeting’s, else suggested (see followUpDateSource)' })
  followUpDate!: string;

  @Field(() => FollowUpDateSourceEnum)
  followUpDateSource!: FollowUpDateSource;

  @Field(() => RetrospectiveMeetingModel, { nullable: true, description: 'The meeting recorded for the period' })
  meeting!: RetrospectiveMeetingModel | null;
}
