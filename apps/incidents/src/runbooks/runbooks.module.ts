import { Module, type OnModuleInit } from '@nestjs/common';
import { IncidentHookRegistry } from '../incidents/incident-hooks';
import { IncidentsModule } from '../incidents/incidents.module';
import { AlertRulesClient } from './alert-rules.client';
import { RunbookRepository } from './runbook.repository';
import { IncidentRunbooksResolver, RunbookResolver } from './runbook.resolver';
import { RunbookService } from './runbook.service';

/** Runbooks in PostgreSQL and GraphQL, and the runbook an incident activates when it opens. */
@Module({
  imports: [IncidentsModule],
  providers: [RunbookRepository, RunbookService, AlertRulesClient, RunbookResolver, IncidentRunbooksResolver],
})
export class RunbooksModule implements OnModuleInit {
  constructor(
    private readonly hooks: IncidentHookRegistry,
    private readonly service: RunbookService,
  ) {}

  onModuleInit(): void {
    // Status and severity changes need nothing: a runbook stays active for the incident's life.
    this.hooks.register('runbooks', { opened: (context) => this.service.activateMatching(context) });
  }
}
