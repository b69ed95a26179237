import { watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import { parseRuleFile, type RuleFileError } from '@keel/rules';
import { AlertingMetrics } from '../alerting-metrics';
import { ALERTING_CONFIG, type AlertingConfig } from '../config';
import { groupKey, type LoadedGroup } from './loaded-group';
import type { ManagedRuleGroupEntity } from './managed-rule-group.entity';
import { ManagedRuleGroupRepository, type ManagedUpsertResult } from './managed-rule-group.repository';
import { groupDigest, RuleDirectory, type RuleFileState } from './rule-directory';
import { RulesErrorCode, RulesException } from './rules.exception';

export const MANAGED_FILE_PREFIX = 'managed/';

export interface ManagedGroupView {
  entity: ManagedRuleGroupEntity;
  group: LoadedGroup | undefined;
  errors: RuleFileError[];
}

type Listener = (groups: LoadedGroup[]) => void;

/**
 * Every rule group in effect: the rule directory's files (re-read on file-system notifications and on a timer)
 * and the groups managed through GraphQL (PostgreSQL). Listeners hear of each change; a file that became invalid
 * keeps its last good groups.
 */
@Injectable()
export class RuleSourcesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RuleSourcesService.name);
  private readonly directory: RuleDirectory;
  private readonly dir: string;
  private files: RuleFileState[] = [];
  private managed: ManagedGroupView[] = [];
  private current: LoadedGroup[] = [];
  private readonly listeners: Listener[] = [];
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();

  constructor(
    @Inject(ALERTING_CONFIG) private readonly config: AlertingConfig,
    private readonly repository: ManagedRuleGroupRepository,
    private readonly metrics: AlertingMetrics,
  ) {
    this.dir = resolve(config.ALERTING_RULES_DIR);
    this.directory = new RuleDirectory(this.dir);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    try {
      this.watcher = watch(this.dir, () => this.scheduleReload());
      this.watcher.on('error', (error) => this.logger.warn(`watching ${this.dir} failed: ${error.message}`));
    } catch (error) {
      this.logger.warn(`cannot watch ${this.dir} (${(error as Error).message}); polling only`);
    }
    this.poll = setInterval(() => this.scheduleReload(), this.config.ALERTING_RULES_POLL_SECONDS * 1000);
    this.poll.unref();
  }

  onApplicationShutdown(): void {
    this.watcher?.close();
    clearInterval(this.poll);
    clearTimeout(this.debounce);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  groups(): LoadedGroup[] {
    return this.current;
  }

  ruleFiles(): RuleFileState[] {
    return this.files;
  }

  managedGroups(): ManagedGroupView[] {
    return this.managed;
  }

  /** Re-reads the directory and the managed groups; one reload runs at a time. */
  reload(): Promise<void> {
    this.reloading = this.reloading
      .then(() => this.reloadNow())
      .catch((error: unknown) => {
        this.logger.error(`rule reload failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    return this.reloading;
  }

  /** Validates a managed group (one group in rule-file YAML, named `name`) and stores it. */
  async saveManaged(name: string, source: string, actor: Actor, expectedVersion?: number): Promise<ManagedGroupView> {
    const checked = checkManagedSource(name, source);
    if (!checked.ok) {
      throw new RulesException(RulesErrorCode.INVALID_RULE_GROUP, checked.errors.map((e) => e.message).join('\n'));
    }
    const saved = await this.repository.upsert(name, source, actorRef(actor), expectedVersion);
    if (!saved.ok) throw notSaved(name, expectedVersion, saved);
    await this.reload();
    return this.managed.find((m) => m.entity.name === name) ?? { entity: saved.entity, group: undefined, errors: [] };
  }

  async deleteManaged(name: string): Promise<void> {
    if (!(await this.repository.deleteByName(name))) {
      throw new RulesException(RulesErrorCode.RULE_GROUP_NOT_FOUND, `no managed rule group "${name}"`);
    }
    await this.reload();
  }

  private scheduleReload(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.reload(), 200);
    this.debounce.unref();
  }

  private async reloadNow(): Promise<void> {
    const { files } = await this.directory.reload();
    this.files = files;
    for (const file of files.filter((f) => f.errors.length > 0)) {
      this.logger.warn(
        `rule file ${file.file} is invalid; its last good version keeps running:\n${file.errors.map((e) => e.message).join('\n')}`,
      );
    }
    this.metrics.ruleFilesReloadSuccessful.set(files.every((f) => f.errors.length === 0) ? 1 : 0);
    this.metrics.ruleFilesReloadTimestamp.set(Date.now() / 1000);

    const entities = await this.repository.findAll();
    this.managed = entities.map((entity) => {
      const checked = checkManagedSource(entity.name, entity.source);
      return checked.ok
        ? { entity, group: checked.group, errors: [] }
        : { entity, group: undefined, errors: checked.errors };
    });

    const next = [...files.flatMap((f) => f.groups), ...this.managed.flatMap((m) => (m.group ? [m.group] : []))];
    const before = this.current.map((g) => `${g.key}@${g.digest}`).join('\n');
    this.current = next;
    if (next.map((g) => `${g.key}@${g.digest}`).join('\n') !== before) {
      this.logger.log(
        `rules loaded: ${next.length} groups, ${next.reduce((n, g) => n + g.group.rules.length, 0)} rules`,
      );
      for (const listener of this.listeners) listener(next);
    }
  }
}

/** A managed group's source must be a rule file holding exactly the group `name`. */
export function checkManagedSource(
  name: string,
  source: string,
): { ok: true; group: LoadedGroup } | { ok: false; errors: RuleFileError[] } {
  const file = `${MANAGED_FILE_PREFIX}${name}`;
  const result = parseRuleFile(source, file);
  if (!result.ok) return result;
  const reason =
    result.groups.length !== 1
      ? `a managed rule group's source must hold exactly one group, found ${result.groups.length}`
      : result.groups[0].name !== name
        ? `the group in the source is named "${result.groups[0].name}", expected "${name}"`
        : undefined;
  if (reason) return { ok: false, errors: [{ file, line: 1, column: 1, reason, message: `${file}:1:1: ${reason}` }] };
  const group = result.groups[0];
  return {
    ok: true,
    group: { key: groupKey(file, name), file, source: 'managed', group, digest: groupDigest(group) },
  };
}

/** The refusal of a save whose expected version did not hold, saying what was found instead. */
function notSaved(
  name: string,
  expectedVersion: number | undefined,
  result: Exclude<ManagedUpsertResult, { ok: true }>,
): RulesException {
  switch (result.reason) {
    case 'not-found':
      return new RulesException(
        RulesErrorCode.RULE_GROUP_NOT_FOUND,
        `rule group "${name}" does not exist (expected version ${expectedVersion}); ` +
          'to create it, save it without expectedVersion',
      );
    case 'exists':
      return new RulesException(
        RulesErrorCode.RULE_GROUP_VERSION_CONFLICT,
        `rule group "${name}" already exists (version ${result.version}); pass that version to replace it`,
      );
    case 'conflict':
      return new RulesException(
        RulesErrorCode.RULE_GROUP_VERSION_CONFLICT,
        `rule group "${name}" was changed by someone else (expected version ${expectedVersion}); reload it and retry`,
      );
  }
}

/** Who changed a managed group: the actor's id and name (a system actor may lack one of them). */
function actorRef(actor: Actor): { id: string; name: string } {
  const name = actor.name ?? actor.id ?? actor.type;
  return { id: actor.id ?? name, name };
}
