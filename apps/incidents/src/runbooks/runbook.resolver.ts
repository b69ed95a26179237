import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { TurnBatcher } from '../common/turn-batcher';
import { IncidentModel } from '../incidents/incident.model';
import { SaveRunbookInput } from './dto/save-runbook.input';
import {
  toIncidentRunbookModel,
  toRunbookModel,
  toRunbookVersionSummaryModel,
  toValidationReportModel,
} from './runbook.mapper';
import {
  IncidentRunbookModel,
  RunbookModel,
  RunbookValidationReportModel,
  RunbookVersionSummaryModel,
} from './runbook.model';
import type { RunbookActivation } from './runbook.repository';
import { RunbookService } from './runbook.service';

/** Runbook mutations are audited on resource `runbook` with the runbook's name as its id. */
const byName = (name: unknown): string | undefined => (typeof name === 'string' ? name.trim() : undefined);
const inputField = (args: Record<string, unknown>, key: string): unknown =>
  (args['input'] as Record<string, unknown> | undefined)?.[key];

@Resolver(() => RunbookModel)
export class RunbookResolver {
  constructor(private readonly service: RunbookService) {}

  @Query(() => [RunbookModel], { description: 'Runbooks at their current version, by name' })
  async runbooks(
    @Args('service', { nullable: true, description: 'Only runbooks listing this service' }) service?: string,
    @Args('alertName', { nullable: true, description: 'Only runbooks answering this alert rule' }) alertName?: string,
    @Args('incidentType', { nullable: true, description: 'Only runbooks for this incident type' })
    incidentType?: string,
    @Args('includeArchived', { defaultValue: false }) includeArchived?: boolean,
  ): Promise<RunbookModel[]> {
    const records = await this.service.list({
      ...(service != null ? { service } : {}),
      ...(alertName != null ? { alertName } : {}),
      ...(incidentType != null ? { incidentType } : {}),
      includeArchived: includeArchived ?? false,
    });
    return records.map(toRunbookModel);
  }

  @Query(() => RunbookModel, { description: 'A runbook at `version` (the current one when absent)' })
  async runbook(
    @Args('name') name: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number | null,
  ): Promise<RunbookModel> {
    return toRunbookModel(await this.service.get(name, version));
  }

  @Query(() => RunbookValidationReportModel, {
    description:
      'Validates the runbooks that are not archived: outdated (last reviewed more than maxAgeDays ago, default ' +
      'INCIDENTS_RUNBOOK_MAX_AGE_DAYS), alert rules without a runbook, broken links',
  })
  @Roles('responder')
  async runbookValidationReport(
    @Args('maxAgeDays', { type: () => Int, nullable: true }) maxAgeDays?: number | null,
  ): Promise<RunbookValidationReportModel> {
    return toValidationReportModel(await this.service.validationReport(maxAgeDays));
  }

  @ResolveField(() => [RunbookVersionSummaryModel], { description: 'Every saved version, newest first' })
  async versions(@Parent() runbook: RunbookModel): Promise<RunbookVersionSummaryModel[]> {
    return (await this.service.versions(runbook.name)).map(toRunbookVersionSummaryModel);
  }

  @Mutation(() => RunbookModel, {
    description:
      'Saves a new version. expectedVersion null or 0 creates the runbook; else it must be the current version ' +
      '(CONFLICT otherwise). Refused with every problem of the front matter, each at its line',
  })
  @Roles('responder')
  @Audited({ resource: 'runbook', resourceId: (args) => byName(inputField(args, 'name')) })
  async saveRunbook(
    @Args('input') input: SaveRunbookInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<RunbookModel> {
    return toRunbookModel(await this.service.save(input, identityToActor(identity)));
  }

  @Mutation(() => RunbookModel, { description: 'Archives the runbook at exactly expectedVersion' })
  @Roles('admin')
  @Audited({ resource: 'runbook', resourceId: (args) => byName(args['name']) })
  async archiveRunbook(
    @Args('name') name: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<RunbookModel> {
    return toRunbookModel(await this.service.archive(name, expectedVersion, identityToActor(identity)));
  }

  @Mutation(() => IncidentRunbookModel, {
    description: 'Activates the runbook (its current version) for the incident and records it in the timeline',
  })
  @Roles('responder')
  @Audited({ resource: 'runbook', resourceId: (args) => byName(args['name']) })
  async activateRunbook(
    @Args('incidentId', { type: () => ID }) incidentId: string,
    @Args('name') name: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentRunbookModel> {
    return toIncidentRunbookModel(await this.service.activate(incidentId, name, identityToActor(identity)));
  }
}

/** `Incident.runbooks`: the runbooks the incident activated, in activation order. */
@Resolver(() => IncidentModel)
export class IncidentRunbooksResolver {
  /** The activations of every incident of one answer, in one statement. */
  private readonly activations: TurnBatcher<RunbookActivation[]>;

  constructor(service: RunbookService) {
    this.activations = new TurnBatcher((ids) => service.activationsOf(ids));
  }

  @ResolveField(() => [IncidentRunbookModel], { description: 'Runbooks activated for the incident' })
  async runbooks(@Parent() incident: IncidentModel): Promise<IncidentRunbookModel[]> {
    return ((await this.activations.load(incident.id)) ?? []).map(toIncidentRunbookModel);
  }
}
