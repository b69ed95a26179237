import { Field, ID, InputType } from '@nestjs/graphql';
import type { ContributingFactorCategory } from '../contributing-factors';
import {
  ContributingFactorCategoryEnum,
  RecommendationPriorityEnum,
  ResolutionOutcomeEnum,
} from '../post-mortem.model';
import type { RecommendationPriority, ResolutionOutcome } from '../post-mortem.types';

@InputType()
export class PostMortemTimelineEventInput {
  @Field()
  at!: Date;

  @Field({ description: '1 to 2000 characters' })
  description!: string;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Pass it back to keep the link to the incident timeline entry' })
  sourceEntryId?: string | null;

  @Field(() => String, { nullable: true, description: 'impact_started, detected, acknowledged, mitigated, …' })
  milestone?: string | null;
}

@InputType()
export class ContributingFactorInput {
  @Field(() => ContributingFactorCategoryEnum)
  category!: ContributingFactorCategory;

  @Field(() => String, { nullable: true, description: 'What happened, at most 2000 characters' })
  description?: string | null;
}

@InputType()
export class ResolutionActionInput {
  @Field()
  description!: string;

  @Field(() => Date, { nullable: true })
  takenAt?: Date | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => ResolutionOutcomeEnum, { nullable: true, description: 'Default UNKNOWN' })
  outcome?: ResolutionOutcome | null;
}

@InputType()
export class RecommendationInput {
  @Field()
  description!: string;

  @Field(() => RecommendationPriorityEnum, { nullable: true, description: 'Default MEDIUM' })
  priority?: RecommendationPriority | null;
}

@InputType({ description: 'Absent fields stay as they are; a list given replaces the list' })
export class UpdatePostMortemInput {
  @Field(() => String, { nullable: true, description: '3 to 200 characters' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown' })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown' })
  impactDescription?: string | null;

  @Field(() => [String], { nullable: true })
  affectedServices?: string[] | null;

  @Field(() => [PostMortemTimelineEventInput], { nullable: true, description: 'Sorted by time when stored' })
  timeline?: PostMortemTimelineEventInput[] | null;

  @Field(() => String, { nullable: true, description: 'Markdown' })
  rootCauseAnalysis?: string | null;

  @Field(() => [ContributingFactorInput], { nullable: true })
  contributingFactors?: ContributingFactorInput[] | null;

  @Field(() => [ResolutionActionInput], { nullable: true })
  resolutionActions?: ResolutionActionInput[] | null;

  @Field(() => String, { nullable: true, description: 'Markdown: how well the resolution worked' })
  resolutionEffectiveness?: string | null;

  @Field(() => [RecommendationInput], { nullable: true })
  recommendations?: RecommendationInput[] | null;

  @Field(() => [String], { nullable: true })
  wentWell?: string[] | null;

  @Field(() => [String], { nullable: true })
  wentWrong?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Where we got lucky' })
  gotLucky?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Owner or admin only; never the owner' })
  reviewerIds?: string[] | null;
}
