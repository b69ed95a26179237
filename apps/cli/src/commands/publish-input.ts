import { MetricType, parseContract, Sample, type SampleInput } from '@keel/contracts';

/** Bad arguments or input: nothing was published. Exit code 2. */
export class PublishInputError extends Error {
  override readonly name = 'PublishInputError';
}

export interface SampleFlags {
  metric?: string;
  value?: string;
  label?: string[];
  type?: string;
  timestamp?: string;
}

const SPECIAL_VALUES = new Set(['NaN', '+Inf', '-Inf']);

/**
 * Samples from a file or stdin: a JSON array of samples, or JSON lines (one sample per line; blank lines
 * skipped). `labels` may be left out. Each sample is checked against keel.metrics.v1; the error names the
 * line (or array element) and the field.
 */
export function parseSamplesText(text: string): SampleInput[] {
  const trimmed = text.trimStart();
  if (trimmed === '') {
    throw new PublishInputError('no samples in the input');
  }
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new PublishInputError(`input is not a valid JSON array: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) {
      throw new PublishInputError('input is not a valid JSON array');
    }
    if (parsed.length === 0) throw new PublishInputError('no samples in the input');
    return parsed.map((item: unknown, index) => checkSample(item, `element [${index}]`));
  }
  const samples: SampleInput[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new PublishInputError(`line ${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
    samples.push(checkSample(parsed, `line ${index + 1}`));
  });
  return samples;
}

/** One sample from `--metric … --value … [--label k=v]… [--type …] [--timestamp ms]`. */
export function sampleFromFlags(flags: SampleFlags): SampleInput {
  if (flags.metric === undefined) throw new PublishInputError('--metric is required with --value and --label');
  if (flags.value === undefined) throw new PublishInputError(`--value is required for --metric ${flags.metric}`);
  const labels: Record<string, string> = {};
  for (const pair of flags.label ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new PublishInputError(`--label ${JSON.stringify(pair)}: expected name=value`);
    const name = pair.slice(0, at);
    if (name in labels) throw new PublishInputError(`--label ${name}: given twice`);
    labels[name] = pair.slice(at + 1);
  }
  const sample: Record<string, unknown> = { name: flags.metric, labels, value: parseValueFlag(flags.value) };
  if (flags.type !== undefined) {
    const type = MetricType.safeParse(flags.type);
    if (!type.success) {
      throw new PublishInputError(`--type ${flags.type}: must be one of ${MetricType.options.join(', ')}`);
    }
    sample['type'] = type.data;
  }
  if (flags.timestamp !== undefined) {
    if (!/^-?\d+$/.test(flags.timestamp)) {
      throw new PublishInputError(`--timestamp ${flags.timestamp}: must be milliseconds since the epoch`);
    }
    sample['timestampMs'] = Number(flags.timestamp);
  }
  return checkSample(sample, 'flags');
}

function parseValueFlag(raw: string): number | string {
  if (SPECIAL_VALUES.has(raw)) return raw;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) {
    throw new PublishInputError(`--value ${raw}: must be a number or one of NaN, +Inf, -Inf`);
  }
  return value;
}

function checkSample(input: unknown, where: string): SampleInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PublishInputError(`${where}: must be a JSON object like {"name":"up","labels":{},"value":1}`);
  }
  const sample = 'labels' in input ? input : { ...input, labels: {} };
  const result = parseContract({ schema: Sample }, sample);
  if (!result.ok) {
    throw new PublishInputError(`${where}: ${result.reason}`);
  }
  return sample as SampleInput;
}
