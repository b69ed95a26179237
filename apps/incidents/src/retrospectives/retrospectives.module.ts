import { Module, type OnModuleInit } from '@nestjs/common';
import { IncidentHookRegistry } from '../incidents/incident-hooks';
import { IncidentsModule } from '../incidents/incidents.module';
import { IncidentRepeatRepository } from './incident-repeat.repository';
import { IncidentRepeatResolver } from './incident-repeat.resolver';
import { RepeatRecorder } from './repeat-recorder';
import { RetrospectiveRepository } from './retrospective.repository';
import { RetrospectiveResolver } from './retrospective.resolver';
import { RetrospectiveService } from './retrospective.service';

/**
 * Retrospectives on PostgreSQL and GraphQL: the period's report and the meeting recorded for it, and the repeat
 * links the alert intake records through RepeatRecorder (shown as `Incident.repeatOf`).
 */
@Module({
  imports: [IncidentsModule],
  providers: [
    RetrospectiveRepository,
    RetrospectiveService,
    RetrospectiveResolver,
    IncidentRepeatRepository,
    IncidentRepeatResolver,
    RepeatRecorder,
  ],
  exports: [RepeatRecorder],
})
export class RetrospectivesModule implements OnModuleInit {
  constructor(
    private readonly hooks: IncidentHookRegistry,
    private readonly repeats: RepeatRecorder,
  ) {}

  onModuleInit(): void {
    // New services may make the incident a repeat, or stop it being one: decide again from its alerts.
    this.hooks.register('repeats', {
      servicesChanged: async (context) => {
        await this.repeats.record(context.db, context.incident.id, { keepEarlier: false });
      },
    });
  }
}
