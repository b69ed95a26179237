import 'reflect-metadata';
import { loadConfigOrExit } from '@keel/config';
import { createIncidentsApp } from './bootstrap';
import { incidentsConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(incidentsConfigSchema, 'incidents');
  const app = await createIncidentsApp(config);
  await app.listen(config.PORT, config.HOST);
}

void main();
