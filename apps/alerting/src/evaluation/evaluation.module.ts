import { Module } from '@nestjs/common';
import { NotificationModule } from '../notification/notification.module';
import { RulesModule } from '../rules/rules.module';
import { AlertEventsPublisher } from './alert-events.publisher';
import { AlertStateRepository } from './alert-state.repository';
import { EvaluationService } from './evaluation.service';
import { RuleSamplesPublisher } from './rule-samples.publisher';

@Module({
  imports: [RulesModule, NotificationModule],
  providers: [AlertStateRepository, AlertEventsPublisher, RuleSamplesPublisher, EvaluationService],
  exports: [EvaluationService, AlertStateRepository],
})
export class EvaluationModule {}
