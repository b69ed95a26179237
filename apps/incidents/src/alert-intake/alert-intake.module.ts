import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { AlertIntakeConsumer } from './alert-intake.consumer';
import { AlertIntakeRepository } from './alert-intake.repository';
import { IncidentAlertsResolver } from './incident-alerts.resolver';
import { AlertIntakeService } from './alert-intake.service';

/** keel.alerts.v1 → incidents (the consumer), and the alerts of an incident in GraphQL. */
@Module({
  imports: [IncidentsModule],
  providers: [AlertIntakeRepository, AlertIntakeService, AlertIntakeConsumer, IncidentAlertsResolver],
})
export class AlertIntakeModule {}
