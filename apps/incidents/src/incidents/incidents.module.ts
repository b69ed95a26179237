import { Module } from '@nestjs/common';
import { IncidentEventsPublisher } from './incident-events.publisher';
import { IncidentRepository } from './incident.repository';
import { IncidentResolver } from './incident.resolver';
import { IncidentService } from './incident.service';
import { TimelineRepository } from './timeline.repository';
import { TimelineResolver } from './timeline.resolver';

@Module({
  providers: [
    IncidentRepository,
    IncidentEventsPublisher,
    IncidentService,
    IncidentResolver,
    TimelineRepository,
    TimelineResolver,
  ],
  exports: [IncidentEventsPublisher, TimelineRepository],
})
export class IncidentsModule {}
