import * as publicApi from './index';
import { ALL_TOPICS_WITH_DLQ, jobContract, jobContracts, topicContract, topicContracts } from './registry';

function isTopicContract(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'topic' in value && 'dlq' in value && 'schema' in value;
}

function isJobContract(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'queue' in value && 'name' in value && 'schema' in value;
}

describe('topic registry', () => {
  it('registers every topic contract the package exports', () => {
    const exported = Object.values(publicApi).filter(isTopicContract);
    expect(exported.length).toBeGreaterThanOrEqual(4);
    for (const contract of exported) {
      expect(topicContracts).toContain(contract);
    }
  });

  it('gives every topic a dead-letter twin named <topic>.dlq', () => {
    for (const contract of topicContracts) {
      expect(contract.dlq).toBe(`${contract.topic}.dlq`);
    }
  });

  it('keeps topic and dead-letter names unique', () => {
    expect(new Set(ALL_TOPICS_WITH_DLQ).size).toBe(ALL_TOPICS_WITH_DLQ.length);
    expect(ALL_TOPICS_WITH_DLQ).toHaveLength(topicContracts.length * 2);
  });

  it('lists each topic followed by its dead-letter twin', () => {
    expect(ALL_TOPICS_WITH_DLQ).toEqual(topicContracts.flatMap((c) => [c.topic, c.dlq]));
    expect(ALL_TOPICS_WITH_DLQ).toEqual(expect.arrayContaining(['keel.metrics.v1', 'keel.audit.v1.dlq']));
  });

  it('names each topic keel.<name>.v<version> with a description', () => {
    for (const contract of topicContracts) {
      expect(contract.topic).toMatch(new RegExp(`^keel\\.[a-z][a-z0-9-]*\\.v${contract.version}$`));
      expect(contract.description.length).toBeGreaterThan(10);
    }
  });

  it('finds a contract by topic name', () => {
    expect(topicContract('keel.alerts.v1')).toBe(publicApi.alertsTopic);
  });

  it('refuses an unknown topic, naming it and the known ones', () => {
    expect(() => topicContract('keel.nope.v1')).toThrow(
      /Unknown Kafka topic "keel\.nope\.v1"; known topics: .*keel\.metrics\.v1/,
    );
  });
});

describe('job registry', () => {
  it('registers every job contract the package exports', () => {
    const exported = Object.values(publicApi).filter(isJobContract);
    expect(exported).toHaveLength(12);
    for (const contract of exported) {
      expect(jobContracts).toContain(contract);
    }
    expect(jobContracts).toHaveLength(exported.length);
  });

  it('uses the three Keel queues', () => {
    expect(new Set(jobContracts.map((c) => c.queue))).toEqual(
      new Set(['keel-maintenance', 'keel-backup', 'keel-audit']),
    );
  });

  it('keeps job names unique per queue', () => {
    const ids = jobContracts.map((c) => `${c.queue}/${c.name}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names jobs in kebab case and describes each', () => {
    for (const contract of jobContracts) {
      expect(contract.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(contract.description.length).toBeGreaterThan(10);
    }
  });

  it('finds a job by queue and name', () => {
    expect(jobContract('keel-backup', 'dr-drill')).toBe(publicApi.drDrillJob);
  });

  it('refuses an unknown job, listing the jobs of that queue', () => {
    expect(() => jobContract('keel-backup', 'daily-cleanup')).toThrow(
      'Unknown job "daily-cleanup" on queue "keel-backup"; known jobs there: backup-run, backup-verify, dr-drill',
    );
  });

  it('refuses an unknown queue, listing the queues', () => {
    expect(() => jobContract('keel-nope', 'x')).toThrow(
      'Unknown job queue "keel-nope"; known queues: keel-maintenance, keel-backup, keel-audit',
    );
  });
});
