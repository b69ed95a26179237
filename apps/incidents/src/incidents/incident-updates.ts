import { Injectable } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import { ServiceCatalog, UserDirectory } from '../directory';
import { validateIncidentType, validateServiceNames, validateTags, validateTitle } from './declare-incident.rules';
import { IncidentCommandService } from './incident-commands.service';
import type { IncidentState } from './incident-state.repository';
import { IncidentErrorCode, IncidentException } from './incident.exception';

/**
 * The edits that take names from people (services, tags, type, role holders): validated here, field by field,
 * before the incident core applies them under its version check.
 */
@Injectable()
export class IncidentUpdates {
  constructor(
    private readonly commands: IncidentCommandService,
    private readonly catalog: ServiceCatalog,
    private readonly users: UserDirectory,
  ) {}

  async update(
    id: string,
    expectedVersion: number,
    input: { title?: string; description?: string; services?: string[]; tags?: string[]; type?: string | null },
    actor: Actor,
  ): Promise<IncidentState> {
    const patch: { title?: string; description?: string; services?: string[]; tags?: string[]; type?: string | null } =
      {};
    if (input.title !== undefined) patch.title = validateTitle(input.title);
    if (input.description !== undefined) patch.description = input.description.trim();
    if (input.services !== undefined) {
      patch.services = validateServiceNames(input.services);
      await this.catalog.assertKnownServices(patch.services);
    }
    if (input.tags !== undefined) patch.tags = validateTags(input.tags);
    if (input.type !== undefined) patch.type = validateIncidentType(input.type);
    if (Object.keys(patch).length === 0) {
      throw new IncidentException(
        IncidentErrorCode.INVALID_INCIDENT_INPUT,
        'nothing to update: give at least one of title, description, services, tags, type',
      );
    }
    return this.commands.update(id, expectedVersion, patch, actor);
  }

  async assignRole(
    id: string,
    expectedVersion: number,
    input: { role: string; userId: string },
    actor: Actor,
  ): Promise<IncidentState> {
    await this.users.assertKnownUsers([input.userId.trim()]);
    return this.commands.assignRole(id, expectedVersion, input, actor);
  }
}
