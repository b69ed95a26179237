import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { IncidentRepeatRepository } from './incident-repeat.repository';
import { RepeatRecorder } from './repeat-recorder';
import { RetrospectiveRepository } from './retrospective.repository';
import { RetrospectiveResolver } from './retrospective.resolver';
import { RetrospectiveService } from './retrospective.service';

/**
 * Retrospectives on PostgreSQL and GraphQL: the period's report and the meeting recorded for it, and the repeat
 * links the alert intake records through RepeatRecorder.
 */
@Module({
  imports: [IncidentsModule],
  providers: [
    RetrospectiveRepository,
    RetrospectiveService,
    RetrospectiveResolver,
    IncidentRepeatRepository,
    RepeatRecorder,
  ],
  exports: [RepeatRecorder],
})
export class RetrospectivesModule {}
