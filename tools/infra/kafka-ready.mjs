// Readiness probe for the local Kafka: a client connects, creates a topic and lists it.
// Exit code 0 when both work. Usage: node tools/infra/kafka-ready.mjs 127.0.0.1:9092
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
  console.log(`kafka ready: ${topics.length} topics`);
  await admin.disconnect();
  process.exit(0);
} catch (error) {
  console.error(`kafka not ready: ${error instanceof Error ? error.message : String(error)}`);
  await admin.disconnect().catch(() => undefined);
  process.exit(1);
}
