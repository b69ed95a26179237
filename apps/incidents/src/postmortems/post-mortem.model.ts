import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IncidentSeverityEnum, UserReference } from '../incidents/incident.model';
import { CONTRIBUTING_FACTOR_CATEGORY_IDS, type ContributingFactorCategory } from './contributing-factors';
import {
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  POST_MORTEM_STATUSES,
  RECOMMENDATION_PRIORITIES,
  RESOLUTION_OUTCOMES,
  type ActionItemStatus,
  type ActionItemType,
  type PostMortemStatus,
  type RecommendationPriority,
  type ResolutionOutcome,
} from './post-mortem.types';

// GraphQL enums mirror the pure module's lists (IN_REVIEW ↔ 'in_review'), so the API and the rules cannot drift.
function upperEnum<T extends string>(values: readonly T[]): { [K in T as Uppercase<K>]: K } {
  return Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as { [K in T as Uppercase<K>]: K };
}
export const PostMortemStatusEnum = upperEnum(POST_MORTEM_STATUSES);
export const ActionItemTypeEnum = upperEnum(ACTION_ITEM_TYPES);
export const ActionItemStatusEnum = upperEnum(ACTION_ITEM_STATUSES);
export const ContributingFactorCategoryEnum = upperEnum(CONTRIBUTING_FACTOR_CATEGORY_IDS);
export const ResolutionOutcomeEnum = upperEnum(RESOLUTION_OUTCOMES);
export const RecommendationPriorityEnum = upperEnum(RECOMMENDATION_PRIORITIES);
registerEnumType(PostMortemStatusEnum, {
  name: 'PostMortemStatus',
  description: 'DRAFT → IN_REVIEW → PUBLISHED; IN_REVIEW → DRAFT with a reason',
});
registerEnumType(ActionItemTypeEnum, {
  name: 'ActionItemType',
  description: 'PREVENT: stop it happening again; MITIGATE: reduce its impact; DETECT: notice it sooner; PROCESS',
});
registerEnumType(ActionItemStatusEnum, { name: 'ActionItemStatus' });
registerEnumType(ContributingFactorCategoryEnum, {
  name: 'ContributingFactorCategory',
  description: 'The taxonomy of contributing factors (see contributingFactorTaxonomy)',
});
registerEnumType(ResolutionOutcomeEnum, { name: 'ResolutionOutcome' });
registerEnumType(RecommendationPriorityEnum, { name: 'RecommendationPriority' });

@ObjectType('ContributingFactorCategoryInfo', { description: 'One category of the contributing-factor taxonomy' })
export class ContributingFactorCategoryModel {
  @Field(() => ContributingFactorCategoryEnum)
  category!: ContributingFactorCategory;

  @Field()
  label!: string;

  @Field()
  description!: string;
}

@ObjectType('ContributingFactor', { description: 'A category of the taxonomy and what happened, in free text' })
export class ContributingFactorModel {
  @Field(() => ContributingFactorCategoryEnum)
  category!: ContributingFactorCategory;

  @Field({ description: 'The category as people read it' })
  label!: string;

  @Field()
  description!: string;
}

@ObjectType('PostMortemTimelineEvent')
export class PostMortemTimelineEventModel {
  @Field()
  at!: Date;

  @Field()
  description!: string;

  @Field(() => UserReference, { nullable: true })
  actor!: UserReference | null;

  @Field(() => ID, { nullable: true, description: 'The incident timeline entry it came from' })
  sourceEntryId!: string | null;

  @Field(() => String, { nullable: true, description: 'The milestone it marks (impact_started … closed)' })
  milestone!: string | null;
}

@ObjectType('PostMortemMilestones', { description: 'The incident milestones when the draft was made' })
export class PostMortemMilestonesModel {
  @Field(() => Date, { nullable: true })
  impactStartedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  detectedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  mitigatedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;
}

@ObjectType('IncidentDurations', { description: 'Milliseconds; null when a milestone is missing' })
export class IncidentDurationsModel {
  @Field(() => Float, { nullable: true, description: 'impact started → detected' })
  timeToDetectMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'detected → acknowledged' })
  timeToAcknowledgeMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'detected → mitigated' })
  timeToMitigateMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'detected → resolved' })
  timeToResolveMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'impact started (or detected) → mitigated (or resolved)' })
  impactDurationMs!: number | null;
}

@ObjectType('ImpactAssessment')
export class ImpactAssessmentModel {
  @Field()
  description!: string;

  @Field(() => IncidentSeverityEnum)
  severity!: string;

  @Field(() => [String])
  affectedServices!: string[];

  @Field(() => PostMortemMilestonesModel)
  milestones!: PostMortemMilestonesModel;

  @Field(() => IncidentDurationsModel)
  durations!: IncidentDurationsModel;
}

@ObjectType('ResolutionAction')
export class ResolutionActionModel {
  @Field()
  description!: string;

  @Field(() => Date, { nullable: true })
  takenAt!: Date | null;

  @Field(() => UserReference, { nullable: true })
  actor!: UserReference | null;

  @Field(() => ResolutionOutcomeEnum)
  outcome!: ResolutionOutcome;
}

@ObjectType('Recommendation')
export class RecommendationModel {
  @Field()
  description!: string;

  @Field(() => RecommendationPriorityEnum)
  priority!: RecommendationPriority;
}

@ObjectType('PostMortemAlert', { description: 'An alert linked to the incident when the draft was made' })
export class PostMortemAlertModel {
  @Field()
  fingerprint!: string;

  @Field()
  ruleName!: string;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => Date, { nullable: true })
  firedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType('PostMortemHistoryEntry')
export class PostMortemHistoryEntryModel {
  @Field({ description: 'create, submit_for_review, return_to_draft or publish' })
  action!: string;

  @Field(() => PostMortemStatusEnum, { nullable: true })
  from!: PostMortemStatus | null;

  @Field(() => PostMortemStatusEnum)
  to!: PostMortemStatus;

  @Field(() => ID, { description: 'A user id, or the id of the automation that drafted it' })
  actorId!: string;

  @Field()
  at!: Date;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType('ActionItem')
export class ActionItemModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  postMortemId!: string;

  @Field(() => ID)
  incidentId!: string;

  @Field()
  title!: string;

  @Field(() => ActionItemTypeEnum)
  type!: ActionItemType;

  @Field(() => UserReference, { nullable: true })
  owner!: UserReference | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; due at the end of that UTC day' })
  dueDate!: string | null;

  @Field(() => ActionItemStatusEnum)
  status!: ActionItemStatus;

  @Field({ description: 'Blocks closing the incident while open or in progress' })
  required!: boolean;

  @Field(() => Date, { nullable: true, description: 'When it became DONE or WONT_DO' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it will not be done (WONT_DO), or a completion note' })
  statusReason!: string | null;

  @Field({ description: 'Open or in progress with its due day over (now)' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Pass it as expectedVersion to change the item' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('PostMortem', {
  description:
    "The seed's PostMortemReport: summary, timeline, impact, root cause with contributing factors, resolution, " +
    'prevention with action items, and the blameless lessons (went well, went wrong, got lucky)',
})
export class PostMortemModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  incidentId!: string;

  @Field()
  title!: string;

  @Field(() => PostMortemStatusEnum)
  status!: PostMortemStatus;

  @Field(() => UserReference, { description: 'Who writes it' })
  owner!: UserReference;

  @Field(() => [UserReference], { description: 'Who may publish it (never the owner)' })
  reviewers!: UserReference[];

  @Field()
  summary!: string;

  @Field(() => [PostMortemTimelineEventModel], { description: 'In time order' })
  timeline!: PostMortemTimelineEventModel[];

  @Field(() => ImpactAssessmentModel)
  impact!: ImpactAssessmentModel;

  @Field()
  rootCauseAnalysis!: string;

  @Field(() => [ContributingFactorModel])
  contributingFactors!: ContributingFactorModel[];

  @Field(() => [ResolutionActionModel])
  resolutionActions!: ResolutionActionModel[];

  @Field()
  resolutionEffectiveness!: string;

  @Field(() => [RecommendationModel])
  recommendations!: RecommendationModel[];

  @Field(() => [ActionItemModel])
  actionItems!: ActionItemModel[];

  @Field(() => [String])
  wentWell!: string[];

  @Field(() => [String])
  wentWrong!: string[];

  @Field(() => [String])
  gotLucky!: string[];

  @Field(() => [PostMortemAlertModel])
  linkedAlerts!: PostMortemAlertModel[];

  @Field(() => [PostMortemHistoryEntryModel], { description: 'Creation and every workflow move, oldest first' })
  history!: PostMortemHistoryEntryModel[];

  @Field(() => [String], { description: 'What still keeps it from review or publication; empty when ready' })
  missingForReview!: string[];

  @Field(() => Int, { description: 'Pass it as expectedVersion to change the post-mortem or add an action item' })
  version!: number;

  @Field(() => ID, { description: 'A user id, or the id of the automation that drafted it at mitigation' })
  createdById!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => UserReference, { nullable: true })
  publishedBy!: UserReference | null;
}
