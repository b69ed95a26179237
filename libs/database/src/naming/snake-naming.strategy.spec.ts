import { Table } from 'typeorm';
import { objectName, SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('names tables after the class in snake_case, dropping an Entity suffix, and keeps explicit names', () => {
    expect(naming.tableName('IncidentTimelineEntry', undefined)).toBe('incident_timeline_entry');
    expect(naming.tableName('PostMortemEntity', undefined)).toBe('post_mortem');
    expect(naming.tableName('Entity', undefined)).toBe('entity');
    expect(naming.tableName('PostMortemEntity', 'post_mortems')).toBe('post_mortems');
  });

  it('names columns in snake_case, prefixed by their embedded path, and keeps explicit names', () => {
    expect(naming.columnName('createdAt', undefined, [])).toBe('created_at');
    expect(naming.columnName('createdAt', 'made_at', [])).toBe('made_at');
    expect(naming.columnName('streetName', undefined, ['billingAddress'])).toBe('billing_address_street_name');
    expect(naming.columnName('streetName', undefined, ['', 'home'])).toBe('home_street_name');
  });

  it('names relations, join columns, join tables and their columns in snake_case', () => {
    expect(naming.relationName('alertGroup')).toBe('alert_group');
    expect(naming.joinColumnName(naming.relationName('alertGroup'), 'id')).toBe('alert_group_id');
    expect(naming.joinTableName('incident', 'runbook', 'linkedRunbooks', 'incidents')).toBe(
      'incident_linked_runbooks_runbook',
    );
    expect(naming.joinTableColumnName('incident', 'id')).toBe('incident_id');
    expect(naming.joinTableColumnName('incident', 'id', 'incidentKey')).toBe('incident_incident_key');
    expect(naming.joinTableInverseColumnName('runbook', 'id')).toBe('runbook_id');
    expect(naming.joinTableColumnDuplicationPrefix('incident_id', 2)).toBe('incident_id_2');
    expect(naming.closureJunctionTableName('category')).toBe('category_closure');
    expect(naming.prefixTableName('tmp_', 'incident')).toBe('tmp_incident');
  });

  it("uses PostgreSQL's default constraint and index names, without the schema", () => {
    expect(naming.primaryKeyName('incidents.incident')).toBe('incident_pkey');
    expect(naming.primaryKeyName(new Table({ name: 'incidents.incident' }))).toBe('incident_pkey');
    expect(naming.uniqueConstraintName('incident', ['alert_group_id', 'opened_at'])).toBe(
      'incident_alert_group_id_opened_at_key',
    );
    expect(naming.foreignKeyName('incident', ['alert_group_id'])).toBe('incident_alert_group_id_fkey');
    expect(naming.indexName('incident', ['status', 'opened_at'])).toBe('incident_status_opened_at_idx');
    expect(naming.relationConstraintName('incident', ['post_mortem_id'])).toBe('incident_post_mortem_id_key');
    expect(naming.defaultConstraintName('incident', 'status')).toBe('incident_status_default');
  });

  it('tells partial indexes and expression constraints apart by a hash of their expression', () => {
    const open = naming.indexName('incident', ['status'], `"status" = 'open'`);
    const closed = naming.indexName('incident', ['status'], `"status" = 'closed'`);
    expect(open).toMatch(/^incident_status_[0-9a-f]{8}_idx$/);
    expect(open).not.toBe(closed);
    expect(naming.checkConstraintName('incident', '"severity" IN (0, 1)')).toMatch(/^incident_[0-9a-f]{8}_check$/);
    expect(naming.checkConstraintName('incident', '"severity" IN (0, 1)', true)).toMatch(
      /^incident_[0-9a-f]{8}_enum_check$/,
    );
    expect(naming.exclusionConstraintName('booking', 'USING gist (room WITH =)')).toMatch(/^booking_[0-9a-f]{8}_excl$/);
    expect(naming.relationConstraintName('incident', ['owner_id'], '"owner_id" IS NOT NULL')).toMatch(
      /^incident_owner_id_[0-9a-f]{8}_key$/,
    );
  });

  it('shortens long names to 63 characters the way PostgreSQL does, trimming the longer part first', () => {
    const table = 'maintenance_window_notification_subscription';
    const columns = 'subscriber_identifier_with_a_rather_long_name';
    const name = objectName(table, columns, 'key');
    expect(name).toHaveLength(63);
    // PostgreSQL: CREATE TABLE <table> (<columns> int UNIQUE) names the constraint exactly like this.
    expect(name).toBe('maintenance_window_notificati_subscriber_identifier_with_a__key');
    expect(objectName('a'.repeat(80), undefined, 'pkey')).toBe(`${'a'.repeat(58)}_pkey`);
  });
});
