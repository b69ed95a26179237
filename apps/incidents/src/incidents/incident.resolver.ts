import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { Audited } from '@keel/graphql';
import { DeclareIncidentInput } from './dto/declare-incident.input';
import { toIncidentModel } from './incident.mapper';
import { IncidentModel, IncidentSeverityEnum, IncidentStatusEnum, SeverityLevelModel } from './incident.model';
import { IncidentService } from './incident.service';

@Resolver(() => IncidentModel)
export class IncidentResolver {
  constructor(private readonly service: IncidentService) {}

  @Query(() => [IncidentModel], { description: 'Incidents, newest first' })
  async incidents(
    @Args('status', { type: () => IncidentStatusEnum, nullable: true }) status?: IncidentStatus,
    @Args('severity', { type: () => IncidentSeverityEnum, nullable: true }) severity?: IncidentSeverity,
    @Args('service', { type: () => String, nullable: true, description: 'Only incidents listing this service' })
    service?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
  ): Promise<IncidentModel[]> {
    const found = await this.service.list({
      ...(status ? { status } : {}),
      ...(severity ? { severity } : {}),
      ...(service ? { service } : {}),
      ...(first !== undefined ? { first } : {}),
    });
    return found.map(toIncidentModel);
  }

  @Query(() => IncidentModel)
  async incident(@Args('id', { type: () => ID }) id: string): Promise<IncidentModel> {
    return toIncidentModel(await this.service.get(id));
  }

  @Query(() => [SeverityLevelModel], { description: 'What P0–P3 mean' })
  severityLevels(): SeverityLevelModel[] {
    return this.service.severityLevels();
  }

  @Mutation(() => IncidentModel)
  @Roles('responder')
  @Audited({ resource: 'incident', resourceId: (_args, result) => (result as IncidentModel | undefined)?.id })
  async declareIncident(
    @Args('input') input: DeclareIncidentInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    return toIncidentModel((await this.service.declare(input, identityToActor(identity))).incident);
  }
}
