import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract } from '../parse-contract';
import { topicContracts } from '../registry';
import type { TopicContract } from '../topic-contract';
import { alertsTopic } from './alerts/alerts.topic';
import { auditTopic } from './audit/audit.topic';
import { incidentsTopic } from './incidents/incidents.topic';
import { metricsTopic } from './metrics/metrics.topic';

// Golden files are raw messages exactly as they would sit on the topic. Each folder's
// expected-reasons.json names, per invalid file, the field its reason must point at.
const folders: ReadonlyArray<{ folder: string; contract: TopicContract }> = [
  { folder: 'metrics', contract: metricsTopic },
  { folder: 'alerts', contract: alertsTopic },
  { folder: 'incidents', contract: incidentsTopic },
  { folder: 'audit', contract: auditTopic },
];
const MANIFEST = 'expected-reasons.json';

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

it('covers every registered topic with a golden folder', () => {
  expect(folders.map((f) => f.contract.topic).sort()).toEqual(topicContracts.map((c) => c.topic).sort());
});

describe.each(folders)('golden files of $contract.topic', ({ folder, contract }) => {
  const dir = join(__dirname, folder, '__golden__');
  const files = readdirSync(dir).filter((name) => name.endsWith('.json') && name !== MANIFEST);
  const valid = files.filter((name) => name.startsWith('valid-'));
  const invalid = files.filter((name) => name.startsWith('invalid-'));
  const expectedReasons = readJson(join(dir, MANIFEST)) as Record<string, string>;

  it('holds only valid-*.json and invalid-*.json files, at least one of each', () => {
    expect(valid.length + invalid.length).toBe(files.length);
    expect(valid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
  });

  it('names the expected field for exactly the invalid files present', () => {
    expect(Object.keys(expectedReasons).sort()).toEqual([...invalid].sort());
  });

  it.each(valid)('accepts %s', (name) => {
    const result = parseContract(contract, readJson(join(dir, name)));
    expect(result).toMatchObject({ ok: true });
    if (result.ok) {
      expect(contract.key(result.value)).not.toBe('');
    }
  });

  it.each(invalid)('rejects %s with a reason naming the field', (name) => {
    const result = parseContract(contract, readJson(join(dir, name)));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(`${expectedReasons[name]}: `);
      expect(result.reason).not.toContain('\n');
    }
  });
});
