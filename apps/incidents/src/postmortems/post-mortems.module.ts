import { Module, type OnModuleInit } from '@nestjs/common';
import { IncidentHookRegistry } from '../incidents/incident-hooks';
import { IncidentsModule } from '../incidents/incidents.module';
import { PostMortemRepository } from './post-mortem.repository';
import { IncidentPostMortemResolver, PostMortemResolver } from './post-mortem.resolver';
import { PostMortemService } from './post-mortem.service';

/**
 * Post-mortems on PostgreSQL and GraphQL. At start it registers its incident hooks: reaching mitigated (or resolved
 * or closed) drafts the post-mortem a severity requires, a severity raise past that point too, and closing waits
 * for a required post-mortem to be published and for its required action items.
 */
@Module({
  imports: [IncidentsModule],
  providers: [PostMortemRepository, PostMortemService, PostMortemResolver, IncidentPostMortemResolver],
})
export class PostMortemsModule implements OnModuleInit {
  constructor(
    private readonly hooks: IncidentHookRegistry,
    private readonly service: PostMortemService,
  ) {}

  onModuleInit(): void {
    this.hooks.register('postmortems', {
      statusChanged: (context) => this.service.draftIfRequired(context),
      severityChanged: (context) => this.service.draftIfRequired(context),
      closingBlockers: (context) => this.service.closingReasons(context),
    });
  }
}
