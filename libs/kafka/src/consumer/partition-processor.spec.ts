import { currentCorrelationId, runWithContext } from '@keel/context';
import { PermanentMessageError } from '../kafka.errors';
import type { KafkaLogger } from '../kafka-settings';
import type { BatchControl, RawBatch, RawMessage } from '../kafka-transport';
import { testContract, type TestEvent } from '../test-support/test-contract';
import type { ReceivedMessage } from './consumer-options';
import { PartitionProcessor, type ConsumerHandler } from './partition-processor';

const contract = testContract('test.processor.events');

/** Our own BatchControl port, recorded: no Kafka client involved. */
class RecordingControl implements BatchControl {
  running = true;
  readonly commits: string[] = [];
  pauses = 0;
  resumes = 0;
  heartbeats = 0;

  shouldContinue(): boolean {
    return this.running;
  }
  async heartbeat(): Promise<void> {
    this.heartbeats += 1;
  }
  async commitThrough(offset: string): Promise<void> {
    this.commits.push(offset);
  }
  pause(): () => void {
    this.pauses += 1;
    return () => {
      this.resumes += 1;
    };
  }
}

const quietLogger: KafkaLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function message(offset: number, value: unknown, correlationId?: string): RawMessage {
  return {
    topic: contract.topic,
    partition: 0,
    offset: String(offset),
    key: Buffer.from('k'),
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: correlationId ? { 'x-correlation-id': Buffer.from(correlationId) } : {},
    timestamp: '1767322800000',
  };
}

function batchOf(...messages: RawMessage[]): RawBatch {
  return { topic: contract.topic, partition: 0, messages };
}

function setup(
  handler: ConsumerHandler<TestEvent>,
  options: { maxRetries?: number; deadLetter?: () => Promise<void> } = {},
) {
  const deadLetters: { offset: string; reason: string }[] = [];
  const scheduled: number[] = [];
  const processor = new PartitionProcessor({
    contract,
    groupId: 'test-group',
    handler,
    retry: { maxRetries: options.maxRetries ?? 2, baseDelayMs: 5, maxDelayMs: 20, pauseMs: 1234 },
    logger: quietLogger,
    random: () => 0,
    deadLetter: async (raw, reason) => {
      await options.deadLetter?.();
      deadLetters.push({ offset: raw.offset, reason });
    },
    schedule: (fn, delayMs) => {
      scheduled.push(delayMs);
      fn();
    },
  });
  return { processor, deadLetters, scheduled, control: new RecordingControl() };
}

describe('PartitionProcessor, one message at a time', () => {
  it('handles messages in order inside their correlation context, committing each after its handler', async () => {
    const seen: { id: string; context: string | undefined; commitsBefore: number }[] = [];
    const { processor, control } = setup({
      kind: 'message',
      handle: async (m) => {
        seen.push({ id: m.value.id, context: currentCorrelationId(), commitsBefore: control.commits.length });
      },
    });
    await processor.process(
      batchOf(message(7, { id: 'a', n: 1 }, 'corr-a'), message(8, { id: 'b', n: 2 }, 'corr-b')),
      control,
    );
    expect(seen).toEqual([
      { id: 'a', context: 'corr-a', commitsBefore: 0 },
      { id: 'b', context: 'corr-b', commitsBefore: 1 },
    ]);
    expect(control.commits).toEqual(['7', '8']);
  });

  it('retries a failing handler and commits once it succeeds', async () => {
    let calls = 0;
    const { processor, control } = setup({
      kind: 'message',
      handle: async () => {
        calls += 1;
        if (calls < 3) {
          throw new Error('database unavailable');
        }
      },
    });
    await processor.process(batchOf(message(0, { id: 'a', n: 1 })), control);
    expect(calls).toBe(3);
    expect(control.commits).toEqual(['0']);
    expect(control.pauses).toBe(0);
    expect(control.heartbeats).toBeGreaterThan(0);
  });

  it('pauses the partition without committing or skipping when the retries run out, and resumes later', async () => {
    const handled: string[] = [];
    const { processor, control, scheduled } = setup({
      kind: 'message',
      handle: async (m) => {
        if (m.value.id === 'b') {
          throw new Error('database unavailable');
        }
        handled.push(m.value.id);
      },
    });
    await processor.process(
      batchOf(message(0, { id: 'a', n: 1 }), message(1, { id: 'b', n: 1 }), message(2, { id: 'c', n: 1 })),
      control,
    );
    expect(handled).toEqual(['a']);
    expect(control.commits).toEqual(['0']);
    expect(control.pauses).toBe(1);
    expect(scheduled).toEqual([1234]);
    expect(control.resumes).toBe(1);
  });

  it('dead-letters a message that is not JSON or violates the contract, commits it and goes on', async () => {
    const handled: string[] = [];
    const { processor, control, deadLetters } = setup({
      kind: 'message',
      handle: async (m) => {
        handled.push(m.value.id);
      },
    });
    await processor.process(
      batchOf(message(0, 'not json'), message(1, { id: 'b', n: 'x' }), message(2, { id: 'c', n: 1 })),
      control,
    );
    expect(deadLetters.map((d) => d.offset)).toEqual(['0', '1']);
    expect(deadLetters[0]?.reason).toMatch(/not valid JSON/);
    expect(deadLetters[1]?.reason).toMatch(/violates contract/);
    expect(handled).toEqual(['c']);
    expect(control.commits).toEqual(['0', '1', '2']);
  });

  it('dead-letters at once, without retries, a message the handler refuses as permanent', async () => {
    let calls = 0;
    const { processor, control, deadLetters } = setup({
      kind: 'message',
      handle: async () => {
        calls += 1;
        throw new PermanentMessageError('incident 42 does not exist');
      },
    });
    await processor.process(batchOf(message(5, { id: 'a', n: 1 })), control);
    expect(calls).toBe(1);
    expect(deadLetters).toEqual([{ offset: '5', reason: 'handler refused the message: incident 42 does not exist' }]);
    expect(control.commits).toEqual(['5']);
  });

  it('holds the partition when even the dead-letter topic cannot be written', async () => {
    const { processor, control, deadLetters } = setup(
      { kind: 'message', handle: async () => undefined },
      {
        deadLetter: async () => {
          throw new Error('broker down');
        },
      },
    );
    await processor.process(batchOf(message(0, 'garbage')), control);
    expect(deadLetters).toEqual([]);
    expect(control.commits).toEqual([]);
    expect(control.pauses).toBe(1);
  });

  it('stops waiting for a retry when the consumer stops, leaving the message uncommitted', async () => {
    let calls = 0;
    const { processor, control } = setup(
      {
        kind: 'message',
        handle: async () => {
          calls += 1;
          control.running = false;
          throw new Error('fails while stopping');
        },
      },
      { maxRetries: 5 },
    );
    await processor.process(batchOf(message(0, { id: 'a', n: 1 }), message(1, { id: 'b', n: 1 })), control);
    expect(calls).toBe(1);
    expect(control.commits).toEqual([]);
    expect(control.pauses).toBe(0);
  });

  it('finishes and commits the message in hand when the consumer stops meanwhile, then takes no other', async () => {
    const handled: string[] = [];
    const { processor, control } = setup({
      kind: 'message',
      handle: async (m) => {
        control.running = false;
        handled.push(m.value.id);
      },
    });
    await processor.process(batchOf(message(0, { id: 'a', n: 1 }), message(1, { id: 'b', n: 1 })), control);
    expect(handled).toEqual(['a']);
    expect(control.commits).toEqual(['0']);
  });
});

describe('PartitionProcessor, whole batches', () => {
  it('dead-letters the invalid messages, hands over the valid ones in order, and commits through the last', async () => {
    const calls: { ids: string[]; context: string | undefined }[] = [];
    const { processor, control, deadLetters } = setup({
      kind: 'batch',
      handle: async (messages: ReceivedMessage<TestEvent>[]) => {
        calls.push({ ids: messages.map((m) => m.value.id), context: currentCorrelationId() });
      },
    });
    await processor.process(
      batchOf(message(10, { id: 'a', n: 1 }, 'same'), message(11, '{'), message(12, { id: 'c', n: 3 }, 'same')),
      control,
    );
    expect(deadLetters.map((d) => d.offset)).toEqual(['11']);
    expect(calls).toEqual([{ ids: ['a', 'c'], context: 'same' }]);
    expect(control.commits).toEqual(['12']);
  });

  it('commits a batch made only of invalid messages without calling the handler', async () => {
    const handle = jest.fn(async () => undefined);
    const { processor, control, deadLetters } = setup({ kind: 'batch', handle });
    await processor.process(batchOf(message(3, '[]'), message(4, 'x')), control);
    expect(handle).not.toHaveBeenCalled();
    expect(deadLetters).toHaveLength(2);
    expect(control.commits).toEqual(['4']);
  });

  it('gives a batch of mixed correlation ids a fresh one of its own', async () => {
    let context: string | undefined;
    const { processor, control } = setup({
      kind: 'batch',
      handle: async () => {
        context = currentCorrelationId();
      },
    });
    await runWithContext({ correlationId: 'outer' }, () =>
      processor.process(batchOf(message(0, { id: 'a', n: 1 }, 'one'), message(1, { id: 'b', n: 1 }, 'two')), control),
    );
    expect(context).toEqual(expect.any(String));
    expect(['one', 'two', 'outer']).not.toContain(context);
  });

  it('pauses without committing when the batch handler keeps failing', async () => {
    let calls = 0;
    const { processor, control } = setup({
      kind: 'batch',
      handle: async () => {
        calls += 1;
        throw new Error('database unavailable');
      },
    });
    await processor.process(batchOf(message(0, { id: 'a', n: 1 })), control);
    expect(calls).toBe(3);
    expect(control.commits).toEqual([]);
    expect(control.pauses).toBe(1);
  });

  it('dead-letters every message of a batch the handler refuses as permanent', async () => {
    const { processor, control, deadLetters } = setup({
      kind: 'batch',
      handle: async () => {
        throw new PermanentMessageError('unknown tenant');
      },
    });
    await processor.process(batchOf(message(0, { id: 'a', n: 1 }), message(1, { id: 'b', n: 1 })), control);
    expect(deadLetters.map((d) => d.offset)).toEqual(['0', '1']);
    expect(control.commits).toEqual(['1']);
  });
});
