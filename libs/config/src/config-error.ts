export interface ConfigProblem {
  /** The environment variable, or `(environment)` for a rule spanning several. */
  readonly name: string;
  readonly reason: string;
  readonly description?: string;
}

/** Exit status for a configuration error (sysexits.h EX_CONFIG). */
export const EX_CONFIG = 78;

export class ConfigError extends Error {
  constructor(
    readonly appName: string | undefined,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(appName, problems));
    this.name = 'ConfigError';
  }
}

function formatProblems(appName: string | undefined, problems: readonly ConfigProblem[]): string {
  const heading = appName === undefined ? 'Invalid environment:' : `Invalid environment for ${appName}:`;
  const lines = problems.map(
    ({ name, reason, description }) => `  - ${name}: ${reason}${description === undefined ? '' : ` (${description})`}`,
  );
  return [heading, ...lines].join('\n');
}
