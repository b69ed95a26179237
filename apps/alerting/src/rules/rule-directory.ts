import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRuleFile, type RuleFileError } from '@keel/rules';
import { groupKey, type LoadedGroup } from './loaded-group';

const RULE_FILE = /\.ya?ml$/;
const TEST_FILE = /\.test\.ya?ml$/;

export interface RuleFileState {
  file: string;
  /** SHA-256 of the file's bytes. */
  digest: string;
  /** The groups in effect: this version's when it is valid, else the last good version's. */
  groups: LoadedGroup[];
  /** Errors of the current version; empty when it loaded. */
  errors: RuleFileError[];
  loadedAt: Date;
}

export interface DirectoryReload {
  files: RuleFileState[];
  changed: boolean;
}

function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The rule files of a directory, read again on every `reload()`. A file that fails validation keeps the groups
 * of its last good version running (and reports its errors); a file that disappears takes its groups with it.
 */
export class RuleDirectory {
  private files = new Map<string, RuleFileState>();

  constructor(private readonly dir: string) {}

  async reload(): Promise<DirectoryReload> {
    const names = await this.ruleFileNames();
    const next = new Map<string, RuleFileState>();
    let changed = names.length !== this.files.size;
    for (const name of names) {
      const text = await readFile(join(this.dir, name), 'utf8').catch(() => undefined);
      if (text === undefined) continue; // removed between readdir and read
      const digest = digestOf(text);
      const previous = this.files.get(name);
      if (previous && previous.digest === digest) {
        next.set(name, previous);
        continue;
      }
      changed = true;
      next.set(name, this.load(name, text, digest, previous));
    }
    this.files = next;
    return { files: [...next.values()], changed };
  }

  private load(name: string, text: string, digest: string, previous: RuleFileState | undefined): RuleFileState {
    const result = parseRuleFile(text, name);
    if (!result.ok) {
      return { file: name, digest, groups: previous?.groups ?? [], errors: result.errors, loadedAt: new Date() };
    }
    const groups = result.groups.map((group): LoadedGroup => ({
      key: groupKey(name, group.name),
      file: name,
      source: 'file',
      group,
      digest: groupDigest(group),
    }));
    return { file: name, digest, groups, errors: [], loadedAt: new Date() };
  }

  private async ruleFileNames(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries
      .filter((e) => e.isFile() && RULE_FILE.test(e.name) && !TEST_FILE.test(e.name))
      .map((e) => e.name)
      .sort();
  }
}

/** The digest of a group's definition, without its position in the file (moving a group is not a change). */
export function groupDigest(group: LoadedGroup['group']): string {
  return digestOf(
    JSON.stringify({ ...group, position: undefined, rules: group.rules.map((r) => ({ ...r, position: undefined })) }),
  );
}
