import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ServiceEntity } from './service.entity';

/**
 * The statements of a caller's open transaction (a TypeORM EntityManager fits): what `ensureFromAlert` runs on, so
 * the catalog row commits or rolls back with the caller's own writes.
 */
export interface CatalogTransaction {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** A new catalog row; `createdAt`/`updatedAt` come from the database. */
export interface NewService {
  name: string;
  displayName: string;
  ownerTeam: string | null;
  tier: string | null;
  description: string;
  source: 'manual' | 'alert';
}

export type ServiceChanges = Partial<Pick<ServiceEntity, 'displayName' | 'ownerTeam' | 'tier' | 'description'>>;

/** Table `services`: the catalog of the directory. */
@Injectable()
export class ServiceCatalogRepository {
  private readonly services: Repository<ServiceEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.services = dataSource.getRepository(ServiceEntity);
  }

  findAll(): Promise<ServiceEntity[]> {
    return this.services.find({ order: { name: 'ASC' } });
  }

  findByName(name: string): Promise<ServiceEntity | null> {
    return this.services.findOneBy({ name });
  }

  /** The names among `names` that are in the catalog. */
  async knownAmong(names: readonly string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await this.services.query<Array<{ name: string }>>(
      `SELECT name FROM services WHERE name = ANY($1::text[])`,
      [[...names]],
    );
    return new Set(rows.map((r) => r.name));
  }

  /** Every name in the catalog (for "did you mean" suggestions). */
  async allNames(): Promise<string[]> {
    const rows = await this.services.query<Array<{ name: string }>>(`SELECT name FROM services ORDER BY name`);
    return rows.map((r) => r.name);
  }

  /** Inserts the row; null when the name is taken already (even by a concurrent insert). */
  async insert(service: NewService): Promise<ServiceEntity | null> {
    const inserted = await this.services
      .createQueryBuilder()
      .insert()
      .values(service)
      .orIgnore()
      .returning('name')
      .execute();
    if (inserted.raw.length === 0) return null;
    return this.findByName(service.name);
  }

  /** Applies the changes; null when there is no such service. */
  async update(name: string, changes: ServiceChanges): Promise<ServiceEntity | null> {
    const result = await this.services
      .createQueryBuilder()
      .update()
      .set({ ...changes, updatedAt: () => 'now()' })
      .where('name = :name', { name })
      .execute();
    if (result.affected !== 1) return null;
    return this.findByName(name);
  }

  /**
   * Inserts `name` with source `alert` unless the catalog has it, on the caller's transaction; true when inserted.
   * An entry a person registered (or completed) stays as it is.
   */
  async insertFromAlert(db: CatalogTransaction, name: string): Promise<boolean> {
    const rows = await db.query<Array<{ name: string }>>(
      `INSERT INTO services (name, display_name, source) VALUES ($1, $1, 'alert')
        ON CONFLICT (name) DO NOTHING RETURNING name`,
      [name],
    );
    return rows.length > 0;
  }
}
