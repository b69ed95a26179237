#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { loadConfig, ConfigError } from '@keel/config';
import { createAdmin } from './commands/admin-create.command';
import { registerPublishCommand } from './commands/publish.command';
import { registerRulesCommand } from './commands/rules.command';
import { readSecret } from './commands/read-secret';
import { cliAdminConfigSchema, cliConfigSchema } from './config';
import { renderHealthReport } from './health/health-report';
import { runHealthCheck } from './health/run-health-check';

const program = new Command('keel').description('Keel: keep a system healthy after a migration').showHelpAfterError();

const admin = program.command('admin').description('administer users');
admin
  .command('create')
  .description('create an admin user (the first one, or another); the password is read from standard input')
  .requiredOption('--username <name>', 'login name (3-64 characters: a-z 0-9 . _ -)')
  .option('--display-name <name>', 'name shown in the portal (default: the username)')
  .action(async (options: { username: string; displayName?: string }) => {
    const config = loadConfig(cliAdminConfigSchema, process.env, 'keel');
    const password = await readSecret('Password (at least 12 characters): ');
    const user = await createAdmin(config, {
      username: options.username,
      displayName: options.displayName ?? options.username,
      password,
    });
    console.log(`created admin ${user.username} (${user.id})`);
  });

program
  .command('health')
  .description("the daily health check: every service's readiness, PostgreSQL, Kafka and recent errors")
  .option('--json', 'print the report as JSON')
  .action(async (options: { json?: boolean }) => {
    const report = await runHealthCheck(loadConfig(cliConfigSchema, process.env, 'keel'));
    console.log(options.json ? JSON.stringify(report, null, 2) : renderHealthReport(report));
    process.exitCode = report.healthy ? 0 : 1;
  });

registerPublishCommand(program);
registerRulesCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`keel: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof ConfigError ? 78 : 1);
});
