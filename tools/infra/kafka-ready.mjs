// Readiness probe for the local Kafka: a client connects, creates a topic and lists it, asks the group coordinator
// about a consumer group, and sends one message with an idempotent producer. A fresh broker answers the first two
// long before its coordinators have loaded (__consumer_offsets, producer ids): tests that started then met "The
// coordinator is loading" and "This server does not host this topic-partition". Exit code 0 when all of it works.
// Usage: node tools/infra/kafka-ready.mjs 127.0.0.1:9092
import { Kafka, logLevel } from 'kafkajs';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const topic = 'keel.infra.readiness';
const kafka = new Kafka({
  clientId: 'keel-infra-probe',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 },
  connectionTimeout: 2000,
});
const admin = kafka.admin();
try {
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    waitForLeaders: true,
    timeout: 5000,
  });
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) throw new Error(`topic ${topic} not listed`);
  // Throws while the group coordinator is not available or still loading.
  await admin.describeGroups(['keel.infra.readiness']);
  // kafkajs refuses an idempotent producer without retries; one keeps the probe quick.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 1 } });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ value: 'ready' }] });
  } finally {
    await producer.disconnect();
  }
  console.log(`kafka ready: ${topics.length} topics`);
  await admin.disconnect();
  process.exit(0);
} catch (error) {
  console.error(`kafka not ready: ${error instanceof Error ? error.message : String(error)}`);
  await admin.disconnect().catch(() => undefined);
  process.exit(1);
}
