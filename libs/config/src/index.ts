export { ConfigError, type ConfigProblem, EX_CONFIG } from './config-error';
export { describeConfig, type ConfigVariable } from './describe-config';
export { envBoolean, envEnum, envInteger, envList, envSecret, envUrl } from './env-types';
export {
  authEnv,
  databaseEnv,
  httpEnv,
  kafkaEnv,
  LOG_LEVELS,
  logEnv,
  NODE_ENVS,
  redisEnv,
  runtimeEnv,
} from './fragments';
export { type Env, loadConfig, loadConfigOrExit } from './load-config';
export { markSecret } from './secret-registry';
export { workspaceRoot } from './workspace-root';
