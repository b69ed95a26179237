import { snakeCase } from './snake-case';

describe('snakeCase', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['IncidentTimelineEntry', 'incident_timeline_entry'],
    ['HTTPServer', 'http_server'],
    ['apiKeyID', 'api_key_id'],
    ['sha256Hash', 'sha256_hash'],
    ['address2', 'address2'],
    ['alert-group.id', 'alert_group_id'],
    ['already_snake', 'already_snake'],
    ['_leading', 'leading'],
  ])('%s → %s', (input, expected) => {
    expect(snakeCase(input)).toBe(expected);
  });
});
