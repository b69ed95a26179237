import 'reflect-metadata';
import { loadConfigOrExit } from '@keel/config';
import { createGatewayApp } from './bootstrap';
import { gatewayConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(gatewayConfigSchema, 'gateway');
  const app = await createGatewayApp(config);
  await app.listen(config.PORT, config.HOST);
}

void main();
