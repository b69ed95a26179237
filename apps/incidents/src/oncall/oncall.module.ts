import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { ContactMethodRepository } from './contact-method.repository';
import { ContactMethodResolver } from './contact-method.resolver';
import { ContactMethodService } from './contact-method.service';
import { EscalationDelivery } from './escalation-delivery';
import { EscalationHooks } from './escalation-hooks';
import { EscalationPolicyRepository } from './escalation-policy.repository';
import { EscalationPolicyResolver } from './escalation-policy.resolver';
import { EscalationPolicyService } from './escalation-policy.service';
import { EscalationWorker } from './escalation.worker';
import { IncidentEscalationRepository } from './incident-escalation.repository';
import { IncidentEscalationResolver } from './incident-escalation.resolver';
import { OncallScheduleRepository } from './oncall-schedule.repository';
import { OncallScheduleResolver } from './oncall-schedule.resolver';
import { OncallScheduleService } from './oncall-schedule.service';

/**
 * On-call schedules, escalation policies, contact methods, and the escalations of incidents (hooks on the incident
 * core plus the worker). ESCALATION_CLOCK comes from the application module (the system clock unless a test
 * passes its own).
 */
@Module({
  imports: [IncidentsModule],
  providers: [
    OncallScheduleRepository,
    OncallScheduleService,
    OncallScheduleResolver,
    EscalationPolicyRepository,
    EscalationPolicyService,
    EscalationPolicyResolver,
    ContactMethodRepository,
    ContactMethodService,
    ContactMethodResolver,
    IncidentEscalationRepository,
    IncidentEscalationResolver,
    EscalationDelivery,
    EscalationHooks,
    EscalationWorker,
  ],
})
export class OncallModule {}
