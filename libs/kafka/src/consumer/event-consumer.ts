import { errorMessage, type KafkaLogger } from '../kafka-settings';
import type { BatchListener, ConsumerTransport } from '../kafka-transport';
import type { TimerSet } from './timer-set';

type State = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

/** One consumer group member on one topic. Create it with KafkaClient.consumer(), then start() it. */
export class EventConsumer {
  private state: State = 'idle';
  private starting?: Promise<void>;
  private stopping?: Promise<void>;

  /** @internal Built by KafkaClient. */
  constructor(
    private readonly transport: ConsumerTransport,
    private readonly process: BatchListener,
    private readonly timers: TimerSet,
    readonly groupId: string,
    readonly topic: string,
    private readonly logger: KafkaLogger,
    private readonly onStopped: (consumer: EventConsumer) => void,
  ) {}

  get running(): boolean {
    return this.state === 'running';
  }

  /** Connects, subscribes and resolves once this member has joined its group. */
  start(): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') {
      return Promise.reject(new Error(`consumer ${this.groupId} on ${this.topic} was stopped and cannot start again`));
    }
    this.starting ??= this.begin();
    return this.starting;
  }

  /** Finishes the message in hand, commits it, leaves the group and disconnects. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.end();
    return this.stopping;
  }

  private async begin(): Promise<void> {
    this.state = 'starting';
    try {
      await this.transport.start(this.process);
    } catch (error) {
      this.logger.error('kafka consumer failed to start', {
        groupId: this.groupId,
        topic: this.topic,
        error: errorMessage(error),
      });
      this.state = 'stopped';
      await this.transport.stop().catch(() => undefined);
      this.onStopped(this);
      throw error;
    }
    if (this.state === 'starting') {
      this.state = 'running';
      this.logger.info('kafka consumer started', { groupId: this.groupId, topic: this.topic });
    }
  }

  private async end(): Promise<void> {
    if (this.state === 'stopped') {
      return;
    }
    const wasStarted = this.state !== 'idle';
    this.state = 'stopping';
    this.timers.clear();
    try {
      if (wasStarted) {
        await this.starting?.catch(() => undefined);
        await this.transport.stop();
        this.logger.info('kafka consumer stopped', { groupId: this.groupId, topic: this.topic });
      }
    } finally {
      this.state = 'stopped';
      this.onStopped(this);
    }
  }
}
