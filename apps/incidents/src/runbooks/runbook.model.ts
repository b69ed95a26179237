import { Field, Int, ObjectType } from '@nestjs/graphql';
import { TimelineActorModel } from '../incidents/timeline.model';

@ObjectType('RunbookVersionSummary', {
  description: 'One saved version of a runbook (read it with runbook(name, version))',
})
export class RunbookVersionSummaryModel {
  @Field(() => Int)
  version!: number;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'last_reviewed of that version, YYYY-MM-DD' })
  lastReviewed!: string | null;

  @Field(() => TimelineActorModel, { description: 'Who saved it' })
  author!: TimelineActorModel;

  @Field()
  createdAt!: Date;
}

@ObjectType('Runbook', { description: 'A Markdown runbook with YAML front matter, at one of its versions' })
export class RunbookModel {
  @Field({ description: 'Unique; the runbook file is `<name>.md` (links between runbooks use it)' })
  name!: string;

  @Field(() => Int, { description: 'The version shown here' })
  version!: number;

  @Field(() => Int, { description: 'The latest version: pass it as expectedVersion to save or archive' })
  currentVersion!: number;

  @Field({ description: 'Archived runbooks are not listed by default and never activated' })
  archived!: boolean;

  @Field({ description: 'The title field, else the first level-1 heading, else the file name' })
  title!: string;

  @Field()
  owner!: string;

  @Field(() => [String], { description: 'Alert rule names the runbook answers' })
  alerts!: string[];

  @Field(() => [String])
  services!: string[];

  @Field(() => [String])
  incidentTypes!: string[];

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  lastReviewed!: string | null;

  @Field({ description: 'The whole file: front matter and body' })
  markdown!: string;

  @Field(() => TimelineActorModel, { description: 'Who saved this version' })
  author!: TimelineActorModel;

  @Field({ description: 'When this version was saved' })
  savedAt!: Date;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('IncidentRunbook', { description: 'A runbook an incident activated' })
export class IncidentRunbookModel {
  @Field()
  name!: string;

  @Field()
  title!: string;

  @Field(() => Int, { description: 'The runbook version current when it was activated' })
  version!: number;

  @Field()
  activatedAt!: Date;

  @Field(() => TimelineActorModel)
  activatedBy!: TimelineActorModel;

  @Field({ description: 'Activated by matching when the incident opened, not by a person' })
  automatic!: boolean;
}

@ObjectType('RunbookProblem', { description: 'A problem in a runbook file, at its line and column' })
export class RunbookProblemModel {
  @Field(() => Int)
  line!: number;

  @Field(() => Int)
  column!: number;

  @Field()
  reason!: string;

  @Field({ description: '`<name>.md:line:column: reason`' })
  message!: string;
}

@ObjectType('RunbookBrokenLink')
export class RunbookBrokenLinkModel {
  @Field()
  runbook!: string;

  @Field(() => Int)
  line!: number;

  @Field(() => Int)
  column!: number;

  @Field()
  target!: string;

  @Field()
  reason!: string;

  @Field({ description: '`<name>.md:line:column: link "target": reason`' })
  message!: string;
}

@ObjectType('RunbookValidation', { description: 'The validation of one runbook' })
export class RunbookValidationModel {
  @Field()
  runbook!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  owner!: string | null;

  @Field({ description: 'Front matter readable and valid' })
  valid!: boolean;

  @Field({ description: 'Reviewed within maxAgeDays' })
  isCurrent!: boolean;

  @Field(() => String, { nullable: true })
  lastReviewed!: string | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since the last review' })
  reviewAgeDays!: number | null;

  @Field(() => [RunbookProblemModel])
  problems!: RunbookProblemModel[];

  @Field(() => [RunbookBrokenLinkModel])
  brokenLinks!: RunbookBrokenLinkModel[];
}

@ObjectType('RunbookUnknownAlert', { description: 'An alert a runbook lists that no alert rule has' })
export class RunbookUnknownAlertModel {
  @Field()
  runbook!: string;

  @Field()
  alertName!: string;
}

@ObjectType('RunbookRecommendation')
export class RunbookRecommendationModel {
  @Field({
    description:
      'fix_invalid, write_missing, fix_broken_links, review_outdated, fix_review_date, remove_unknown_alert or ' +
      'add_applicability',
  })
  kind!: string;

  @Field(() => String, { nullable: true })
  runbook!: string | null;

  @Field(() => String, { nullable: true })
  alertName!: string | null;

  @Field()
  message!: string;
}

@ObjectType('RunbookValidationReport', {
  description: 'The runbooks that are not archived: outdated, invalid, missing for alert rules, broken links',
})
export class RunbookValidationReportModel {
  @Field()
  generatedAt!: Date;

  @Field(() => Int)
  maxAgeDays!: number;

  @Field(() => [RunbookValidationModel], { description: 'Every runbook, by name' })
  runbooks!: RunbookValidationModel[];

  @Field(() => [RunbookValidationModel], { description: 'Valid runbooks not reviewed within maxAgeDays' })
  outdated!: RunbookValidationModel[];

  @Field(() => [RunbookValidationModel])
  invalid!: RunbookValidationModel[];

  @Field(() => [String], { description: 'Alert rules no runbook covers (empty when the rules could not be read)' })
  missing!: string[];

  @Field({ description: 'Whether the alerting service answered with its alert rules' })
  alertRulesAvailable!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the alert rules could not be read' })
  alertRulesError!: string | null;

  @Field(() => [RunbookUnknownAlertModel])
  unknownAlerts!: RunbookUnknownAlertModel[];

  @Field(() => [RunbookBrokenLinkModel])
  brokenLinks!: RunbookBrokenLinkModel[];

  @Field({ description: 'Whether external links were requested (INCIDENTS_RUNBOOK_CHECK_EXTERNAL_LINKS)' })
  externalLinksChecked!: boolean;

  @Field(() => Int, { description: 'Distinct external URLs checked' })
  externalLinksCheckedCount!: number;

  @Field(() => Int, { description: 'Distinct external URLs not checked' })
  externalLinksUncheckedCount!: number;

  @Field(() => [RunbookRecommendationModel], { description: 'Most urgent first' })
  recommendations!: RunbookRecommendationModel[];
}
