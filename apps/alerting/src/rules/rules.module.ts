import { Module } from '@nestjs/common';
import { ManagedRuleGroupRepository } from './managed-rule-group.repository';
import { RuleSourcesService } from './rule-sources.service';

@Module({
  providers: [ManagedRuleGroupRepository, RuleSourcesService],
  exports: [RuleSourcesService],
})
export class RulesModule {}
