/** Injection token of the KafkaClient provided by KafkaModule. */
export const KAFKA_CLIENT = 'KAFKA_CLIENT';
