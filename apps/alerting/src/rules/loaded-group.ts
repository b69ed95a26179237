import type { RuleGroup } from '@keel/rules';

/** Where a group comes from: a file of the rule directory, or PostgreSQL (managed through GraphQL). */
export type RuleSourceKind = 'file' | 'managed';

export interface LoadedGroup {
  /** Prometheus' group key, `file;name`: unique, and stable while the group keeps its file and name. */
  key: string;
  /** The file as Prometheus reports it (`/api/v1/rules` "file"); `managed/<name>` for managed groups. */
  file: string;
  source: RuleSourceKind;
  group: RuleGroup;
  /** A digest of the group's definition: a group whose digest did not change keeps its evaluator. */
  digest: string;
}

export function groupKey(file: string, name: string): string {
  return `${file};${name}`;
}
