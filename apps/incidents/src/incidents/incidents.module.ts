import { Module } from '@nestjs/common';
import { IncidentCommandService } from './incident-commands.service';
import { IncidentCoreResolver } from './incident-core.resolver';
import { IncidentEventsPublisher } from './incident-events.publisher';
import { IncidentFactsReader } from './incident-facts';
import { IncidentStates } from './incident-state.batcher';
import { IncidentStateRepository } from './incident-state.repository';
import { IncidentUpdates } from './incident-updates';
import { ResponsePolicy } from './response-policy';
import { IncidentHookRegistry } from './incident-hooks';
import { IncidentRepository } from './incident.repository';
import { IncidentResolver } from './incident.resolver';
import { IncidentService } from './incident.service';
import { TimelineRepository } from './timeline.repository';
import { TimelineResolver } from './timeline.resolver';

@Module({
  providers: [
    IncidentHookRegistry,
    ResponsePolicy,
    IncidentStateRepository,
    IncidentStates,
    IncidentCommandService,
    IncidentUpdates,
    IncidentCoreResolver,
    IncidentFactsReader,
    IncidentRepository,
    IncidentEventsPublisher,
    IncidentService,
    IncidentResolver,
    TimelineRepository,
    TimelineResolver,
  ],
  exports: [
    IncidentEventsPublisher,
    IncidentHookRegistry,
    ResponsePolicy,
    IncidentCommandService,
    IncidentFactsReader,
    TimelineRepository,
  ],
})
export class IncidentsModule {}
