import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { ALERTING_CONFIG, type AlertingConfig } from '../config';
import { EvaluationService } from '../evaluation/evaluation.service';
import { groupDefaultsOf, type GroupDefaults } from '../evaluation/group-status';
import { RuleFileProblemModel, RuleGroupModel, RuleSource } from './rule-group.model';
import { RuleSourcesService } from './rule-sources.service';
import { toRuleGroupModels } from './rules.mapper';
import { AlertMuting } from '../alerts/alert-muting';

@Resolver(() => RuleGroupModel)
export class RulesResolver {
  private readonly defaults: GroupDefaults;

  constructor(
    @Inject(ALERTING_CONFIG) config: AlertingConfig,
    private readonly sources: RuleSourcesService,
    private readonly evaluation: EvaluationService,
    private readonly muting: AlertMuting,
  ) {
    this.defaults = groupDefaultsOf(config);
  }

  @Query(() => [RuleGroupModel], { description: 'Rule groups in effect with their last evaluation and alerts' })
  ruleGroups(@Args('source', { type: () => RuleSource, nullable: true }) source?: RuleSource): RuleGroupModel[] {
    const models = toRuleGroupModels(this.sources, this.evaluation.statuses(), this.defaults, this.muting.now());
    return source ? models.filter((g) => g.source === source) : models;
  }

  @Query(() => [RuleFileProblemModel], { description: 'Rule files and managed groups that failed validation' })
  ruleFileProblems(): RuleFileProblemModel[] {
    return [
      ...this.sources
        .ruleFiles()
        .filter((f) => f.errors.length > 0)
        .map((f) => ({
          file: f.file,
          errors: f.errors.map((e) => e.message),
          keepsLastGoodVersion: f.groups.length > 0,
        })),
      ...this.sources
        .managedGroups()
        .filter((m) => m.errors.length > 0)
        .map((m) => ({
          file: `managed/${m.entity.name}`,
          errors: m.errors.map((e) => e.message),
          keepsLastGoodVersion: false,
        })),
    ];
  }

  @Mutation(() => RuleGroupModel, {
    description:
      'Creates or replaces a managed rule group. `source` is a Prometheus rule file holding exactly this group; it is ' +
      'validated like `keel rules check` before it is saved. Pass the version you read to detect concurrent edits.',
  })
  @Roles('admin')
  @Audited({ resource: 'rule_group', resourceId: (args) => String(args['name']) })
  async saveRuleGroup(
    @Args('name') name: string,
    @Args('source') source: string,
    @CurrentIdentity() identity: Identity,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
  ): Promise<RuleGroupModel> {
    await this.sources.saveManaged(name, source, identityToActor(identity), expectedVersion ?? undefined);
    // The evaluator replaces a changed group's runner once an evaluation in progress has ended: the reply shows
    // the group as saved, not the runner it replaces.
    await this.evaluation.settled();
    const saved = this.ruleGroups(RuleSource.MANAGED).find((g) => g.name === name);
    if (!saved) throw new Error(`managed rule group ${name} was saved but is not loaded`);
    return saved;
  }

  @Mutation(() => Boolean, { description: 'Deletes a managed rule group; its alerts are forgotten' })
  @Roles('admin')
  @Audited({ resource: 'rule_group', resourceId: (args) => String(args['name']) })
  async deleteRuleGroup(@Args('name') name: string): Promise<boolean> {
    await this.sources.deleteManaged(name);
    return true;
  }
}
