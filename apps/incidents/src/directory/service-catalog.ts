import { Injectable, Logger } from '@nestjs/common';
import { issue } from '../common/validation-issue';
import { DirectoryErrorCode, DirectoryException } from './directory.exception';
import { ServiceCatalogRepository, type CatalogTransaction } from './service-catalog.repository';
import {
  checkServiceFields,
  serviceNameIssues,
  type CatalogService,
  type ServiceFields,
} from './service-catalog.rules';
import { closestName, distinct, unknownServicesMessage } from './service-names';
import type { ServiceEntity } from './service.entity';

export interface RegisterServiceCommand extends ServiceFields {
  name: string;
}

function toCatalogService(entity: ServiceEntity): CatalogService {
  return {
    name: entity.name,
    displayName: entity.displayName,
    ownerTeam: entity.ownerTeam,
    tier: entity.tier as CatalogService['tier'],
    description: entity.description,
    source: entity.source as CatalogService['source'],
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

function invalid(issues: Array<{ field: string; message: string }>): DirectoryException {
  return new DirectoryException(DirectoryErrorCode.INVALID_SERVICE, issues.map((i) => i.message).join('; '), {
    issues: issues.map((i) => ({ field: i.field, message: i.message })),
  });
}

/**
 * The service catalog: the services incidents, alerts and runbooks may name. People register and describe them;
 * the alert intake adds the ones alerts name (alerts are machine truth) in its own transaction.
 */
@Injectable()
export class ServiceCatalog {
  private readonly logger = new Logger(ServiceCatalog.name);

  constructor(private readonly repository: ServiceCatalogRepository) {}

  async list(): Promise<CatalogService[]> {
    return (await this.repository.findAll()).map(toCatalogService);
  }

  /**
   * Refuses (BAD_USER_INPUT / UNKNOWN_SERVICE) when any of `names` is not in the catalog, naming each one with the
   * closest known name when it is a likely typo: `unknown service "chekout" (did you mean "checkout"?)`.
   */
  async assertKnownServices(names: readonly string[]): Promise<void> {
    const wanted = distinct(names);
    if (wanted.length === 0) return;
    const known = await this.repository.knownAmong(wanted);
    const unknown = wanted.filter((name) => !known.has(name));
    if (unknown.length === 0) return;
    const everything = await this.repository.allNames();
    const refused = unknown.map((name) => ({ name, suggestion: closestName(name, everything) }));
    throw new DirectoryException(DirectoryErrorCode.UNKNOWN_SERVICE, unknownServicesMessage(refused), {
      unknown: refused.map((r) => r.name),
      suggestions: Object.fromEntries(refused.filter((r) => r.suggestion !== null).map((r) => [r.name, r.suggestion])),
    });
  }

  /** Registers a service by hand (source `manual`); CONFLICT when the name is taken. */
  async register(input: RegisterServiceCommand): Promise<CatalogService> {
    const name = input.name.trim();
    const nameIssues = serviceNameIssues(name);
    const checked = checkServiceFields({ ...input, displayName: input.displayName ?? name });
    const issues = [...nameIssues, ...(checked.ok ? [] : checked.issues)];
    if (issues.length > 0 || !checked.ok) throw invalid(issues);
    const inserted = await this.repository.insert({
      name,
      displayName: checked.fields.displayName ?? name,
      ownerTeam: checked.fields.ownerTeam ?? null,
      tier: checked.fields.tier ?? null,
      description: checked.fields.description ?? '',
      source: 'manual',
    });
    if (!inserted) {
      throw new DirectoryException(
        DirectoryErrorCode.SERVICE_EXISTS,
        `service "${name}" is already in the catalog; change it with updateService`,
      );
    }
    return toCatalogService(inserted);
  }

  /** Changes the given fields (absent ones stay; a null owner team or tier clears it); NOT_FOUND when unknown. */
  async update(name: string, input: ServiceFields): Promise<CatalogService> {
    const checked = checkServiceFields(input);
    if (!checked.ok) throw invalid(checked.issues);
    if (Object.keys(checked.fields).length === 0) {
      throw invalid([issue('input', 'must change at least one of displayName, ownerTeam, tier, description')]);
    }
    const updated = await this.repository.update(name, checked.fields);
    if (!updated) {
      const suggestion = closestName(name, await this.repository.allNames());
      throw new DirectoryException(
        DirectoryErrorCode.SERVICE_NOT_FOUND,
        `service "${name}" is not in the catalog${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
      );
    }
    return toCatalogService(updated);
  }

  /**
   * Puts `name` in the catalog with source `alert` unless it is there, inside the caller's transaction `db` (the
   * alert intake's). A name that is not a valid slug is skipped with a warning: an alert never fails for it.
   */
  async ensureFromAlert(db: CatalogTransaction, name: string): Promise<void> {
    if (serviceNameIssues(name).length > 0) {
      this.logger.warn(`alert names service "${name}", which is not a valid service name: not added to the catalog`);
      return;
    }
    if (await this.repository.insertFromAlert(db, name)) {
      this.logger.log(`service "${name}" added to the catalog from an alert`);
    }
  }
}
