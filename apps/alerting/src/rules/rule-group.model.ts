import { Field, Float, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AlertLabelModel } from '../common/label.model';
import { ActiveAlertModel } from '../alerts/alert.model';

export enum RuleHealth {
  OK = 'ok',
  ERR = 'err',
  UNKNOWN = 'unknown',
}
registerEnumType(RuleHealth, { name: 'RuleHealth', description: "A rule's last evaluation: ok, err, or not yet run" });

export enum RuleType {
  ALERTING = 'alerting',
  RECORDING = 'recording',
}
registerEnumType(RuleType, { name: 'RuleType' });

export enum RuleSource {
  FILE = 'file',
  MANAGED = 'managed',
}
registerEnumType(RuleSource, {
  name: 'RuleSource',
  description: 'FILE: the rule directory; MANAGED: stored in PostgreSQL through saveRuleGroup',
});

@ObjectType('Rule')
export class RuleModel {
  @Field()
  name!: string;

  @Field(() => RuleType)
  type!: RuleType;

  @Field({ description: 'The PromQL expression' })
  query!: string;

  @Field(() => Float, { description: 'Alerting rules: `for`, in seconds' })
  durationSeconds!: number;

  @Field(() => Float, { description: 'Alerting rules: `keep_firing_for`, in seconds' })
  keepFiringForSeconds!: number;

  @Field(() => [AlertLabelModel])
  labels!: AlertLabelModel[];

  @Field(() => [AlertLabelModel])
  annotations!: AlertLabelModel[];

  @Field(() => RuleHealth)
  health!: RuleHealth;

  @Field(() => String, { nullable: true, description: 'Why the last evaluation failed' })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastEvaluation!: Date | null;

  @Field(() => Float, { description: 'Duration of the last evaluation, in seconds' })
  evaluationSeconds!: number;

  @Field(() => [ActiveAlertModel], { description: 'Alerting rules: the alerts it holds (pending, firing, resolved)' })
  alerts!: ActiveAlertModel[];
}

@ObjectType('RuleGroup')
export class RuleGroupModel {
  @Field()
  name!: string;

  @Field({ description: 'The rule file, or managed/<name> for managed groups' })
  file!: string;

  @Field(() => RuleSource)
  source!: RuleSource;

  @Field(() => Float, { description: 'Evaluation interval in seconds' })
  intervalSeconds!: number;

  @Field(() => Float, { description: 'Query offset in seconds' })
  queryOffsetSeconds!: number;

  @Field(() => Int, { description: 'Most alerts or series a rule may produce; 0 is no limit' })
  limit!: number;

  @Field(() => RuleHealth, { description: 'err when any rule failed at the last evaluation' })
  health!: RuleHealth;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastEvaluation!: Date | null;

  @Field(() => Float, { description: 'Duration of the last evaluation of the whole group, in seconds' })
  evaluationSeconds!: number;

  @Field(() => [RuleModel])
  rules!: RuleModel[];

  @Field(() => Int, { nullable: true, description: 'Managed groups: the version to pass to saveRuleGroup' })
  version!: number | null;
}

@ObjectType('RuleFileProblem', { description: 'A rule file or managed group that failed validation' })
export class RuleFileProblemModel {
  @Field()
  file!: string;

  @Field(() => [String], { description: 'file:line:column: reason' })
  errors!: string[];

  @Field({ description: 'Whether an earlier valid version of it keeps running' })
  keepsLastGoodVersion!: boolean;
}
