import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '@keel/config';
import { metricsTopic } from '@keel/contracts';
import { createMetricsPublisher, type PublishedTotals } from '@keel/metrics-client';
import { cliConfigSchema } from '../config';
import { parseSamplesText, PublishInputError, sampleFromFlags, type SampleFlags } from './publish-input';

interface PublishOptions extends SampleFlags {
  source?: string;
  file?: string;
}

const EXIT_BAD_INPUT = 2;

/** kafkajs logs every connection retry; the command prints the one error that matters when it gives up. */
const quietLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (msg: string) => console.error(`keel publish: ${msg}`),
  error: () => undefined,
};

/** `keel publish`: samples from flags, a file or stdin, onto keel.metrics.v1. */
export function registerPublishCommand(program: Command): void {
  program
    .command('publish')
    .description('publish metric samples to keel.metrics.v1 (JSON lines or a JSON array, or one sample from flags)')
    .option('--source <name>', 'who publishes: the source of every message (required)')
    .option('--file <path>', 'read samples from this file (default: standard input; "-" is standard input)')
    .option('--metric <name>', 'publish one sample of this metric instead of reading input')
    .option('--value <number>', 'its value: a number, NaN, +Inf or -Inf')
    .option('--label <name=value>', 'one of its labels (repeatable)', (v: string, all: string[] = []) => [...all, v])
    .option('--type <type>', 'counter, gauge, histogram, summary or untyped')
    .option('--timestamp <ms>', 'its time in milliseconds since the epoch (default: when it is ingested)')
    .addHelpText('after', '\nExit codes: 0 published, 1 publishing failed, 2 bad arguments or input.')
    // Commander exits 1 on an unknown or incomplete option; for this command that is bad input: 2.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_BAD_INPUT))
    .action(async (options: PublishOptions) => {
      try {
        const totals = await publish(options);
        const messages = totals.messages === 1 ? 'message' : 'messages';
        console.log(`published ${totals.samples} samples in ${totals.messages} ${messages} to ${metricsTopic.topic}`);
      } catch (error) {
        if (!(error instanceof PublishInputError)) throw error;
        console.error(`keel publish: ${error.message}`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}

async function publish(options: PublishOptions): Promise<PublishedTotals> {
  if (options.source === undefined || options.source.trim() === '') {
    throw new PublishInputError('--source is required (the service or script publishing)');
  }
  const fromFlags = options.metric !== undefined || options.value !== undefined || options.label !== undefined;
  if (fromFlags && options.file !== undefined) {
    throw new PublishInputError('give either --file or --metric/--value/--label, not both');
  }
  const samples = fromFlags ? [sampleFromFlags(options)] : parseSamplesText(await readInput(options.file));
  const config = loadConfig(cliConfigSchema, process.env, 'keel');
  const publisher = createMetricsPublisher({
    brokers: config.KAFKA_BROKERS,
    clientId: 'keel-cli',
    source: options.source,
    flushIntervalMs: 0,
    logger: quietLogger,
  });
  try {
    await publisher.publish(samples);
  } finally {
    await publisher.close();
  }
  return publisher.published;
}

async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw new PublishInputError('no --file and nothing piped on standard input');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new PublishInputError(`--file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
