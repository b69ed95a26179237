import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { RetrospectivesModule } from '../retrospectives/retrospectives.module';
import { AlertIntakeConsumer } from './alert-intake.consumer';
import { AlertIntakeRepository } from './alert-intake.repository';
import { IncidentAlertsResolver } from './incident-alerts.resolver';
import { AlertIntakeService } from './alert-intake.service';

/** keel.alerts.v1 → incidents (the consumer, which records repeats as alerts link), and the alerts of an incident in GraphQL. */
@Module({
  imports: [IncidentsModule, RetrospectivesModule],
  providers: [AlertIntakeRepository, AlertIntakeService, AlertIntakeConsumer, IncidentAlertsResolver],
})
export class AlertIntakeModule {}
