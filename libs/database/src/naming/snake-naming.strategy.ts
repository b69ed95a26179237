import { createHash } from 'node:crypto';
import type { NamingStrategyInterface, Table, View } from 'typeorm';
import { snakeCase } from './snake-case';

/** PostgreSQL silently truncates identifiers longer than NAMEDATALEN - 1 bytes. */
const MAX_IDENTIFIER_LENGTH = 63;

/**
 * snake_case names for everything TypeORM derives from the entities.
 *
 * Constraint and index names follow PostgreSQL's own defaults (`<table>_pkey`, `<table>_<columns>_key`,
 * `<table>_<columns>_fkey`, `<table>_<columns>_idx`), so a migration written by hand with unnamed
 * constraints produces exactly the names the entities expect, and the drift check stays quiet.
 * Long names are shortened the way PostgreSQL shortens them (the longer of table and columns loses
 * characters first). Check and exclusion constraints get a hash of their expression: name them
 * explicitly in the entity and the migration when the name matters.
 */
export class SnakeNamingStrategy implements NamingStrategyInterface {
  materializedPathColumnName = 'mpath';
  nestedSetColumnNames = { left: 'nsleft', right: 'nsright' };

  tableName(targetName: string, userSpecifiedName: string | undefined): string {
    if (userSpecifiedName) {
      return userSpecifiedName;
    }
    // `IncidentEntity` maps to `incident`: the suffix tells the class apart from the API type, not the table.
    const withoutSuffix =
      targetName.endsWith('Entity') && targetName !== 'Entity' ? targetName.slice(0, -6) : targetName;
    return snakeCase(withoutSuffix);
  }

  closureJunctionTableName(originalClosureTableName: string): string {
    return `${originalClosureTableName}_closure`;
  }

  columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    const name = customName || snakeCase(propertyName);
    const prefix = embeddedPrefixes.filter((part) => part.length > 0).join('_');
    return prefix ? `${snakeCase(prefix)}_${name}` : name;
  }

  relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  primaryKeyName(tableOrName: Table | string): string {
    return objectName(tableName(tableOrName), undefined, 'pkey');
  }

  uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return objectName(tableName(tableOrName), columnNames.join('_'), 'key');
  }

  relationConstraintName(tableOrName: Table | string, columnNames: string[], where?: string): string {
    return objectName(tableName(tableOrName), columnNames.join('_'), where ? `${shortHash(where)}_key` : 'key');
  }

  defaultConstraintName(tableOrName: Table | string, columnName: string): string {
    return objectName(tableName(tableOrName), columnName, 'default');
  }

  foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return objectName(tableName(tableOrName), columnNames.join('_'), 'fkey');
  }

  indexName(tableOrName: Table | View | string, columnNames: string[], where?: string): string {
    return objectName(tableName(tableOrName), columnNames.join('_'), where ? `${shortHash(where)}_idx` : 'idx');
  }

  checkConstraintName(tableOrName: Table | string, expression: string, isEnum?: boolean): string {
    return objectName(tableName(tableOrName), shortHash(expression), isEnum ? 'enum_check' : 'check');
  }

  exclusionConstraintName(tableOrName: Table | string, expression: string): string {
    return objectName(tableName(tableOrName), shortHash(expression), 'excl');
  }

  joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  joinTableName(
    firstTableName: string,
    secondTableName: string,
    firstPropertyName: string,
    _secondPropertyName: string,
  ): string {
    return snakeCase(`${firstTableName}_${firstPropertyName.replaceAll('.', '_')}_${secondTableName}`);
  }

  joinTableColumnDuplicationPrefix(columnName: string, index: number): string {
    return `${columnName}_${index}`;
  }

  joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${tableName}_${columnName ?? propertyName}`);
  }

  joinTableInverseColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return this.joinTableColumnName(tableName, propertyName, columnName);
  }

  prefixTableName(prefix: string, tableName: string): string {
    return `${prefix}${tableName}`;
  }
}

/** The bare table name: constraint names live in the table's schema, so the schema part is dropped. */
function tableName(tableOrName: Table | View | string): string {
  const path = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
  return path.split('.').pop() ?? path;
}

function shortHash(input: string): string {
  return createHash('sha1').update(input).digest('hex').slice(0, 8);
}

/** PostgreSQL's makeObjectName: `<name1>_<name2>_<label>`, trimming the longer of name1/name2 until it fits. */
export function objectName(name1: string, name2: string | undefined, label: string): string {
  const overhead = label.length + 1 + (name2 === undefined ? 0 : 1);
  const available = MAX_IDENTIFIER_LENGTH - overhead;
  let keep1 = name1.length;
  let keep2 = name2?.length ?? 0;
  while (keep1 + keep2 > available) {
    if (keep1 > keep2) {
      keep1 -= 1;
    } else {
      keep2 -= 1;
    }
  }
  const parts = [name1.slice(0, keep1)];
  if (name2 !== undefined) {
    parts.push(name2.slice(0, keep2));
  }
  parts.push(label);
  return parts.join('_');
}
