import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { RetrospectiveRepository } from './retrospective.repository';
import { RetrospectiveResolver } from './retrospective.resolver';
import { RetrospectiveService } from './retrospective.service';

/** Retrospectives on PostgreSQL and GraphQL: the period's report and the meeting recorded for it. */
@Module({
  imports: [IncidentsModule],
  providers: [RetrospectiveRepository, RetrospectiveService, RetrospectiveResolver],
})
export class RetrospectivesModule {}
