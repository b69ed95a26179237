import { Module } from '@nestjs/common';
import { IncidentEventsPublisher } from './incident-events.publisher';
import { IncidentRepository } from './incident.repository';
import { IncidentResolver } from './incident.resolver';
import { IncidentService } from './incident.service';

@Module({
  providers: [IncidentRepository, IncidentEventsPublisher, IncidentService, IncidentResolver],
  exports: [IncidentEventsPublisher],
})
export class IncidentsModule {}
