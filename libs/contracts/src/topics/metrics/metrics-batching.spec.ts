import { parseContract } from '../../parse-contract';
import { splitIntoBatches, toWireSample, utf8Length } from './metrics-batching';
import { MAX_MESSAGE_BYTES, MAX_SAMPLES_PER_MESSAGE } from './metrics.limits';
import { metricsTopic, type SampleInput } from './metrics.topic';

const sentAt = '2026-11-26T15:00:00.000Z';

function samples(count: number, labelValue = 'v'): SampleInput[] {
  return Array.from({ length: count }, (_, i) => ({
    name: 'up',
    labels: { i: String(i).padStart(5, '0'), l: labelValue },
    value: 1,
  }));
}

describe('splitIntoBatches', () => {
  it('keeps a small set in one message, in order', () => {
    const batches = splitIntoBatches('billing', samples(3), { sentAt });
    expect(batches).toEqual([{ source: 'billing', sentAt, samples: samples(3) }]);
  });

  it('returns no message for no samples', () => {
    expect(splitIntoBatches('billing', [], { sentAt })).toEqual([]);
  });

  it(`starts a new message after ${MAX_SAMPLES_PER_MESSAGE} samples, and after a smaller configured count`, () => {
    expect(
      splitIntoBatches('s', samples(MAX_SAMPLES_PER_MESSAGE + 1), { sentAt }).map((b) => b.samples.length),
    ).toEqual([MAX_SAMPLES_PER_MESSAGE, 1]);
    expect(splitIntoBatches('s', samples(7), { sentAt, maxSamplesPerMessage: 3 }).map((b) => b.samples.length)).toEqual(
      [3, 3, 1],
    );
  });

  it('fills each message up to exactly the byte limit and never over it', () => {
    const input = samples(50, 'x'.repeat(200));
    const oneMessage = JSON.stringify({ source: 's', sentAt, samples: input.slice(0, 5) });
    const maxMessageBytes = Buffer.byteLength(oneMessage);
    const batches = splitIntoBatches('s', input, { sentAt, maxMessageBytes });
    expect(batches.map((b) => b.samples.length)).toEqual(Array(10).fill(5));
    expect(batches.flatMap((b) => b.samples)).toEqual(input);
    for (const batch of batches) {
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(maxMessageBytes);
    }
  });

  it(`splits real-sized batches under ${MAX_MESSAGE_BYTES} bytes, each a valid message`, () => {
    const input = samples(6000, 'é'.repeat(300));
    const batches = splitIntoBatches('s', input, { sentAt });
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(parseContract(metricsTopic, batch).ok).toBe(true);
    }
    expect(batches.flatMap((b) => b.samples)).toHaveLength(6000);
  });

  it('refuses a sample that cannot fit in any message, naming it', () => {
    const big: SampleInput = { name: 'huge', labels: { l: 'x'.repeat(500) }, value: 1 };
    expect(() => splitIntoBatches('s', [samples(1)[0] as SampleInput, big], { sentAt, maxMessageBytes: 300 })).toThrow(
      /^sample \[1\] \(huge\) is \d+ bytes serialized; with its envelope it exceeds the message limit of 300 bytes$/,
    );
  });

  it('spells numeric NaN and infinities the Prometheus way', () => {
    const [batch] = splitIntoBatches('s', [{ name: 'a', labels: {}, value: Number.NaN }], { sentAt });
    expect(batch?.samples[0]?.value).toBe('NaN');
    expect(toWireSample({ name: 'a', labels: {}, value: -Infinity }).value).toBe('-Inf');
    expect(toWireSample({ name: 'a', labels: {}, value: Infinity }).value).toBe('+Inf');
  });
});

describe('utf8Length', () => {
  it.each([[''], ['abc'], ['é'], ['€'], ['😀 ok'], ['mixed ☃ é 😀']])('matches Buffer.byteLength for %p', (text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text));
  });
});
