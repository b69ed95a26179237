import { goRegexError, parseDuration } from '@keel/promql';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { InhibitRule } from '../inhibit/inhibitor';
import { goQuote, isValidLabelName, setLabel } from '../labels/label-set';
import { newMatcher, parseMatchers, type Matcher } from '../matchers/matcher';
import type {
  AlertmanagerConfig,
  ConfigError,
  ConfigResult,
  EmailConfig,
  GlobalConfig,
  HostPort,
  ParseConfigOptions,
  ReceiverConfig,
  RouteConfig,
  SlackConfig,
  SourcePosition,
  WebhookConfig,
} from './config.types';

const RESOLVE_TIMEOUT_MS = 5 * 60_000;

/** Fields per section: the supported ones, and Alertmanager fields Keel deliberately leaves out. */
const SECTIONS = {
  config: {
    goType: 'config.Config',
    fields: ['global', 'route', 'receivers', 'inhibit_rules'],
    unsupported: ['templates', 'time_intervals', 'mute_time_intervals', 'tracing'],
  },
  global: {
    goType: 'config.GlobalConfig',
    fields: [
      'resolve_timeout',
      'smtp_from',
      'smtp_hello',
      'smtp_smarthost',
      'smtp_auth_username',
      'smtp_auth_password',
      'smtp_auth_identity',
      'smtp_require_tls',
      'slack_api_url',
    ],
    unsupported: [
      'http_config',
      'smtp_auth_password_file',
      'smtp_auth_secret',
      'smtp_tls_config',
      'slack_api_url_file',
      'pagerduty_url',
      'opsgenie_api_url',
      'opsgenie_api_key',
      'opsgenie_api_key_file',
      'wechat_api_url',
      'wechat_api_secret',
      'wechat_api_corp_id',
      'victorops_api_url',
      'victorops_api_key',
      'victorops_api_key_file',
      'telegram_api_url',
      'webex_api_url',
      'jira_api_url',
      'rocketchat_api_url',
      'rocketchat_token',
      'rocketchat_token_id',
    ],
  },
  route: {
    goType: 'config.Route',
    fields: [
      'receiver',
      'group_by',
      'continue',
      'matchers',
      'match',
      'match_re',
      'group_wait',
      'group_interval',
      'repeat_interval',
      'routes',
    ],
    unsupported: ['mute_time_intervals', 'active_time_intervals'],
  },
  receiver: {
    goType: 'config.Receiver',
    fields: ['name', 'webhook_configs', 'email_configs', 'slack_configs'],
    unsupported: [
      'pagerduty_configs',
      'opsgenie_configs',
      'pushover_configs',
      'victorops_configs',
      'wechat_configs',
      'sns_configs',
      'telegram_configs',
      'webex_configs',
      'discord_configs',
      'msteams_configs',
      'msteamsv2_configs',
      'jira_configs',
      'rocketchat_configs',
      'incidentio_configs',
    ],
  },
  webhook: {
    goType: 'config.WebhookConfig',
    fields: ['url', 'send_resolved', 'max_alerts', 'timeout'],
    unsupported: ['url_file', 'http_config'],
  },
  email: {
    goType: 'config.EmailConfig',
    fields: [
      'to',
      'from',
      'hello',
      'smarthost',
      'auth_username',
      'auth_password',
      'auth_identity',
      'require_tls',
      'headers',
      'html',
      'text',
      'send_resolved',
    ],
    unsupported: ['auth_password_file', 'auth_secret', 'auth_secret_file', 'tls_config', 'threading'],
  },
  slack: {
    goType: 'config.SlackConfig',
    fields: [
      'api_url',
      'channel',
      'username',
      'title',
      'title_link',
      'text',
      'color',
      'fallback',
      'send_resolved',
      'timeout',
    ],
    unsupported: [
      'api_url_file',
      'http_config',
      'icon_emoji',
      'icon_url',
      'link_names',
      'pretext',
      'fields',
      'actions',
      'short_fields',
      'footer',
      'mrkdwn_in',
      'callback_id',
      'image_url',
      'thumb_url',
      'update_message',
      'message_text',
      'app_token',
      'app_token_file',
      'app_url',
    ],
  },
  inhibit: {
    goType: 'config.InhibitRule',
    fields: [
      'source_matchers',
      'target_matchers',
      'equal',
      'source_match',
      'source_match_re',
      'target_match',
      'target_match_re',
    ],
    unsupported: ['name'],
  },
} as const;

type Section = keyof typeof SECTIONS;

function isNull(node: Node | undefined): boolean {
  return node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

/** textproto.CanonicalMIMEHeaderKey: "x-my-header" → "X-My-Header"; keys with invalid characters stay as they are. */
export function canonicalHeaderKey(key: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) {
    return key;
  }
  return key
    .split('-')
    .map((part) => (part === '' ? part : part[0].toUpperCase() + part.slice(1).toLowerCase()))
    .join('-');
}

/** net.SplitHostPort with Alertmanager's HostPort rules; returns the reason when the address is wrong. */
export function splitHostPort(address: string): HostPort | string {
  let host: string;
  let port: string;
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end === -1) {
      return `address ${address}: missing ']' in address`;
    }
    if (address[end + 1] !== ':') {
      return `address ${address}: missing port in address`;
    }
    host = address.slice(1, end);
    port = address.slice(end + 2);
  } else {
    const colon = address.lastIndexOf(':');
    if (colon === -1) {
      return `address ${address}: missing port in address`;
    }
    host = address.slice(0, colon);
    port = address.slice(colon + 1);
    if (host.includes(':')) {
      return `address ${address}: too many colons in address`;
    }
  }
  if (port === '') {
    return `address ${goQuote(address)}: port cannot be empty`;
  }
  return { host, port };
}

class ConfigChecker {
  readonly errors: ConfigError[] = [];
  private readonly lines = new LineCounter();

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly options: ParseConfigOptions,
  ) {}

  position(node: Node | null | undefined): SourcePosition {
    const { line, col } = this.lines.linePos(node?.range?.[0] ?? 0);
    return { file: this.file, line, column: col };
  }

  error(node: Node | null | undefined, reason: string): void {
    const pos = this.position(node);
    this.errors.push({ ...pos, reason, message: `${pos.file}:${pos.line}:${pos.column}: ${reason}` });
  }

  run(): AlertmanagerConfig | undefined {
    const doc = parseDocument(this.text, { lineCounter: this.lines, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const [start] = e.linePos ?? [{ line: 1, col: 1 }];
        const reason = `invalid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
        this.errors.push({
          file: this.file,
          line: start.line,
          column: start.col,
          reason,
          message: `${this.file}:${start.line}:${start.col}: ${reason}`,
        });
      }
      return undefined;
    }
    const root = doc.contents as Node | null;
    if (root === null || isNull(root)) {
      this.error(root, 'no routes provided');
      return undefined;
    }
    if (!isMap(root)) {
      this.error(root, 'the configuration must be a mapping');
      return undefined;
    }
    const f = this.fields(root, 'config');
    const global = this.global(f.get('global'));
    const receivers = this.receivers(f.get('receivers'), global);
    const routeNode = f.get('route');
    let route: RouteConfig | undefined;
    if (isNull(routeNode)) {
      this.error(routeNode ?? root, 'no routes provided');
    } else {
      route = this.route(routeNode as Node);
    }
    const inhibitRules = this.inhibitRules(f.get('inhibit_rules'));
    if (route) {
      this.checkRoot(route, routeNode as Node, new Set(receivers.map((r) => r.name)));
    }
    return route ? { global, route, receivers, inhibitRules } : undefined;
  }

  // Reads a mapping's keys; unknown keys are errors as with Go's strict YAML decoding.
  private fields(map: YAMLMap, section: Section): Map<string, Node> {
    const { goType, fields, unsupported } = SECTIONS[section];
    const out = new Map<string, Node>();
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if ((unsupported as readonly string[]).includes(key)) {
        this.error(pair.key, `field ${key} of ${goType} is not supported by Keel`);
      } else if (!(fields as readonly string[]).includes(key)) {
        this.error(pair.key, `field ${key} not found in type ${goType}`);
      } else {
        out.set(key, pair.value ?? (pair.key as Node));
      }
    }
    return out;
  }

  private mapping(node: Node | undefined, section: Section, what: string): Map<string, Node> | undefined {
    if (isNull(node)) {
      return undefined;
    }
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping`);
      return undefined;
    }
    return this.fields(node, section);
  }

  private list(node: Node | undefined, what: string): Node[] {
    if (isNull(node)) {
      return [];
    }
    if (!isSeq(node)) {
      this.error(node, `${what} must be a list`);
      return [];
    }
    return node.items as Node[];
  }

  private string(node: Node | undefined, field: string): string | undefined {
    if (isNull(node)) {
      return undefined;
    }
    if (!isScalar(node) || typeof node.value === 'object') {
      this.error(node, `${field} must be a string`);
      return undefined;
    }
    return String(node.value);
  }

  /** A string Alertmanager would expand as a Go template: Keel takes it literally and refuses `{{`. */
  private literal(node: Node | undefined, field: string): string | undefined {
    const value = this.string(node, field);
    if (value !== undefined && value.includes('{{')) {
      this.error(node, `${field}: Go templates are not supported by Keel; write the literal text`);
      return undefined;
    }
    return value;
  }

  private secret(node: Node | undefined, field: string): string | undefined {
    const value = this.literal(node, field);
    const env = this.options.env;
    if (value === undefined || env === undefined) {
      return value;
    }
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
      const v = env[name];
      if (v === undefined) {
        this.error(node, `${field}: environment variable ${name} is not set`);
        return whole;
      }
      return v;
    });
  }

  private url(node: Node | undefined, field: string): string | undefined {
    const value = this.secret(node, field);
    if (value === undefined) {
      return undefined;
    }
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      this.error(node, `${field}: invalid URL ${goQuote(value)}`);
      return undefined;
    }
    const scheme = parsed.protocol.replace(/:$/, '');
    if (scheme !== 'http' && scheme !== 'https') {
      this.error(node, `unsupported scheme ${goQuote(scheme)} for URL`);
      return undefined;
    }
    if (parsed.host === '') {
      this.error(node, 'host is missing in URL');
      return undefined;
    }
    return value;
  }

  private bool(node: Node | undefined, field: string): boolean | undefined {
    if (isNull(node)) {
      return undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'boolean') {
      this.error(node, `${field} must be true or false`);
      return undefined;
    }
    return node.value;
  }

  private duration(node: Node | undefined, field: string): number | undefined {
    const text = this.string(node, field);
    if (text === undefined) {
      return undefined;
    }
    const ms = parseDuration(text);
    if (ms === undefined) {
      this.error(node, `${field}: not a valid duration string: ${goQuote(text)}`);
    }
    return ms;
  }

  private hostPort(node: Node | undefined, field: string): HostPort | undefined {
    const text = this.string(node, field);
    if (text === undefined || text === '') {
      return undefined;
    }
    const hp = splitHostPort(text);
    if (typeof hp === 'string') {
      this.error(node, `${field}: ${hp}`);
      return undefined;
    }
    return hp;
  }

  private stringMap(
    node: Node | undefined,
    field: string,
    checkName?: (name: string) => string | undefined,
  ): Record<string, string> {
    const out: Record<string, string> = {};
    if (isNull(node)) {
      return out;
    }
    if (!isMap(node)) {
      this.error(node, `${field} must be a mapping of strings`);
      return out;
    }
    for (const pair of node.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const problem = checkName?.(key);
      if (problem) {
        this.error(pair.key, problem);
      }
      const value = this.string(pair.value ?? undefined, `${field}.${key}`) ?? '';
      setLabel(out, key, value);
    }
    return out;
  }

  private labelMatchMap(node: Node | undefined, field: string, regex: boolean): Record<string, string> {
    const out = this.stringMap(node, field, (name) =>
      isValidLabelName(name) ? undefined : `invalid label name ${goQuote(name)}`,
    );
    if (regex && isMap(node)) {
      for (const pair of node.items as Pair<Node, Node>[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const err = Object.hasOwn(out, key) ? goRegexError(out[key]) : undefined;
        if (err) {
          this.error(pair.value ?? pair.key, err);
        }
      }
    }
    return out;
  }

  private matcherLines(node: Node | undefined, field: string): Matcher[] {
    const out: Matcher[] = [];
    for (const item of this.list(node, field)) {
      const line = this.string(item, `${field} item`);
      if (line === undefined) {
        continue;
      }
      try {
        out.push(...parseMatchers(line));
      } catch (err) {
        this.error(item, `${field}: ${(err as Error).message}`);
      }
    }
    return out;
  }

  private global(node: Node | undefined): GlobalConfig {
    const f = this.mapping(node, 'global', 'global') ?? new Map<string, Node>();
    return {
      resolveTimeoutMs: this.duration(f.get('resolve_timeout'), 'resolve_timeout') ?? RESOLVE_TIMEOUT_MS,
      smtpFrom: this.literal(f.get('smtp_from'), 'smtp_from'),
      smtpHello: this.string(f.get('smtp_hello'), 'smtp_hello') ?? 'localhost',
      smtpSmarthost: this.hostPort(f.get('smtp_smarthost'), 'smtp_smarthost'),
      smtpAuthUsername: this.secret(f.get('smtp_auth_username'), 'smtp_auth_username'),
      smtpAuthPassword: this.secret(f.get('smtp_auth_password'), 'smtp_auth_password'),
      smtpAuthIdentity: this.string(f.get('smtp_auth_identity'), 'smtp_auth_identity'),
      smtpRequireTls: this.bool(f.get('smtp_require_tls'), 'smtp_require_tls') ?? true,
      slackApiUrl: this.url(f.get('slack_api_url'), 'slack_api_url'),
    };
  }

  private route(node: Node): RouteConfig | undefined {
    if (!isMap(node)) {
      this.error(node, 'a route must be a mapping');
      return undefined;
    }
    const f = this.fields(node, 'route');
    let groupBy: string[] | undefined;
    let groupByAll = false;
    const groupByNode = f.get('group_by');
    if (!isNull(groupByNode)) {
      const seen = new Set<string>();
      const labels: string[] = [];
      for (const item of this.list(groupByNode, 'group_by')) {
        const name = this.string(item, 'group_by item');
        if (name === undefined) {
          continue;
        }
        if (name === '...') {
          groupByAll = true;
        } else if (!isValidLabelName(name)) {
          this.error(item, `invalid label name ${goQuote(name)} in group_by list`);
        } else if (seen.has(name)) {
          this.error(item, `duplicated label ${goQuote(name)} in group_by`);
        } else {
          seen.add(name);
          labels.push(name);
        }
      }
      if (groupByAll && labels.length > 0) {
        this.error(groupByNode, 'cannot have wildcard group_by (`...`) and other other labels at the same time');
      }
      groupBy = labels.length > 0 ? labels : undefined;
    }
    const groupIntervalMs = this.duration(f.get('group_interval'), 'group_interval');
    if (groupIntervalMs === 0) {
      this.error(f.get('group_interval'), 'group_interval cannot be zero');
    }
    const repeatIntervalMs = this.duration(f.get('repeat_interval'), 'repeat_interval');
    if (repeatIntervalMs === 0) {
      this.error(f.get('repeat_interval'), 'repeat_interval cannot be zero');
    }
    const routes: RouteConfig[] = [];
    for (const child of this.list(f.get('routes'), 'routes')) {
      const r = this.route(child);
      if (r) {
        routes.push(r);
      }
    }
    const receiver = this.string(f.get('receiver'), 'receiver');
    return {
      receiver: receiver === '' ? undefined : receiver,
      groupBy,
      groupByAll,
      match: this.labelMatchMap(f.get('match'), 'match', false),
      matchRe: this.labelMatchMap(f.get('match_re'), 'match_re', true),
      matchers: this.matcherLines(f.get('matchers'), 'matchers'),
      continue: this.bool(f.get('continue'), 'continue') ?? false,
      groupWaitMs: this.duration(f.get('group_wait'), 'group_wait'),
      groupIntervalMs,
      repeatIntervalMs,
      routes,
      position: this.position(node),
    };
  }

  // Checks Config.UnmarshalYAML makes on the whole tree once the receivers are known.
  private checkRoot(route: RouteConfig, node: Node, names: Set<string>): void {
    const f = isMap(node) ? node : undefined;
    if (!route.receiver) {
      this.error(f?.get('receiver', true) ?? node, 'root route must specify a default receiver');
    }
    const matcherKeys = ['match', 'match_re', 'matchers'];
    if (Object.keys(route.match).length > 0 || Object.keys(route.matchRe).length > 0 || route.matchers.length > 0) {
      const pairs = (f?.items ?? []) as Pair<Node, Node>[];
      const at = pairs.find((p) => isScalar(p.key) && matcherKeys.includes(String(p.key.value)))?.key;
      this.error(at ?? node, 'root route must not have any matchers');
    }
    const visit = (r: RouteConfig, n: Node): void => {
      if (r.receiver !== undefined && !names.has(r.receiver)) {
        const at = isMap(n) ? (n.get('receiver', true) as Node | undefined) : undefined;
        this.error(at ?? n, `undefined receiver ${goQuote(r.receiver)} used in route`);
      }
      const routesNode = isMap(n) ? (n.get('routes', true) as Node | undefined) : undefined;
      const mapChildren = isSeq(routesNode) ? (routesNode.items as Node[]).filter((c) => isMap(c)) : [];
      r.routes.forEach((child, i) => visit(child, mapChildren[i]));
    };
    visit(route, node);
  }

  private receivers(node: Node | undefined, global: GlobalConfig): ReceiverConfig[] {
    const out: ReceiverConfig[] = [];
    const names = new Set<string>();
    for (const item of this.list(node, 'receivers')) {
      if (!isMap(item)) {
        this.error(item, 'a receiver must be a mapping');
        continue;
      }
      const f = this.fields(item, 'receiver');
      const name = this.string(f.get('name'), 'name') ?? '';
      if (name === '') {
        this.error(f.get('name') ?? item, 'missing name in receiver');
        continue;
      }
      if (names.has(name)) {
        this.error(f.get('name'), `notification config name ${goQuote(name)} is not unique`);
      }
      names.add(name);
      out.push({
        name,
        webhookConfigs: this.integrations(f.get('webhook_configs'), 'webhook_configs', (n) => this.webhook(n)),
        emailConfigs: this.integrations(f.get('email_configs'), 'email_configs', (n) => this.email(n, global)),
        slackConfigs: this.integrations(f.get('slack_configs'), 'slack_configs', (n) => this.slack(n, global)),
        position: this.position(item),
      });
    }
    return out;
  }

  private integrations<T>(node: Node | undefined, field: string, build: (n: YAMLMap) => T | undefined): T[] {
    const out: T[] = [];
    for (const item of this.list(node, field)) {
      if (!isMap(item)) {
        this.error(item, `each of ${field} must be a mapping`);
        continue;
      }
      const built = build(item);
      if (built !== undefined) {
        out.push(built);
      }
    }
    return out;
  }

  private webhook(node: YAMLMap): WebhookConfig | undefined {
    const f = this.fields(node, 'webhook');
    const url = this.url(f.get('url'), 'url');
    if (isNull(f.get('url'))) {
      this.error(node, 'one of url or url_file must be configured');
    }
    let maxAlerts = 0;
    const maxNode = f.get('max_alerts');
    if (!isNull(maxNode)) {
      const v = isScalar(maxNode) ? maxNode.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        this.error(maxNode, 'max_alerts must be a non-negative integer');
      } else {
        maxAlerts = v;
      }
    }
    const timeoutMs = this.duration(f.get('timeout'), 'timeout') ?? 0;
    const sendResolved = this.bool(f.get('send_resolved'), 'send_resolved') ?? true;
    return url === undefined ? undefined : { url, sendResolved, maxAlerts, timeoutMs };
  }

  private email(node: YAMLMap, global: GlobalConfig): EmailConfig | undefined {
    const before = this.errors.length;
    const f = this.fields(node, 'email');
    const to = this.literal(f.get('to'), 'to') ?? '';
    if (to === '') {
      this.error(f.get('to') ?? node, 'missing to address in email config');
    }
    const headers: Record<string, string> = {};
    const headersNode = f.get('headers');
    const raw = this.stringMap(headersNode, 'headers');
    const keyNodes = isMap(headersNode) ? (headersNode.items as Pair<Node, Node>[]).map((p) => p.key) : [];
    Object.entries(raw).forEach(([key, value], i) => {
      const canonical = canonicalHeaderKey(key);
      if (Object.hasOwn(headers, canonical)) {
        this.error(keyNodes[i], `duplicate header ${goQuote(canonical)} in email config`);
      }
      if (value.includes('{{')) {
        this.error(keyNodes[i], `headers.${key}: Go templates are not supported by Keel; write the literal text`);
      }
      setLabel(headers, canonical, value);
    });
    const smarthost = this.hostPort(f.get('smarthost'), 'smarthost') ?? global.smtpSmarthost;
    if (!smarthost && isNull(f.get('smarthost'))) {
      this.error(node, 'no global SMTP smarthost set');
    }
    const from = this.literal(f.get('from'), 'from') || global.smtpFrom;
    if (!from) {
      this.error(node, 'no global SMTP from set');
    }
    const config: EmailConfig = {
      to,
      from: from ?? '',
      hello: this.string(f.get('hello'), 'hello') || global.smtpHello,
      smarthost: smarthost ?? { host: '', port: '' },
      authUsername: this.secret(f.get('auth_username'), 'auth_username') || global.smtpAuthUsername,
      authPassword: this.secret(f.get('auth_password'), 'auth_password') || global.smtpAuthPassword,
      authIdentity: this.string(f.get('auth_identity'), 'auth_identity') || global.smtpAuthIdentity,
      requireTls: this.bool(f.get('require_tls'), 'require_tls') ?? global.smtpRequireTls,
      headers,
      html: this.literal(f.get('html'), 'html'),
      text: this.literal(f.get('text'), 'text'),
      sendResolved: this.bool(f.get('send_resolved'), 'send_resolved') ?? false,
    };
    return this.errors.length === before ? config : undefined;
  }

  private slack(node: YAMLMap, global: GlobalConfig): SlackConfig | undefined {
    const before = this.errors.length;
    const f = this.fields(node, 'slack');
    const apiUrl = this.url(f.get('api_url'), 'api_url') ?? (isNull(f.get('api_url')) ? global.slackApiUrl : undefined);
    if (apiUrl === undefined && isNull(f.get('api_url'))) {
      this.error(node, 'no global Slack API URL set');
    }
    const config: SlackConfig = {
      apiUrl: apiUrl ?? '',
      channel: this.literal(f.get('channel'), 'channel'),
      username: this.literal(f.get('username'), 'username'),
      title: this.literal(f.get('title'), 'title'),
      titleLink: this.literal(f.get('title_link'), 'title_link'),
      text: this.literal(f.get('text'), 'text'),
      color: this.literal(f.get('color'), 'color'),
      fallback: this.literal(f.get('fallback'), 'fallback'),
      sendResolved: this.bool(f.get('send_resolved'), 'send_resolved') ?? false,
      timeoutMs: this.duration(f.get('timeout'), 'timeout') ?? 0,
    };
    return this.errors.length === before ? config : undefined;
  }

  private inhibitRules(node: Node | undefined): InhibitRule[] {
    const out: InhibitRule[] = [];
    for (const item of this.list(node, 'inhibit_rules')) {
      if (!isMap(item)) {
        this.error(item, 'an inhibit rule must be a mapping');
        continue;
      }
      const f = this.fields(item, 'inhibit');
      const side = (prefix: 'source' | 'target'): Matcher[] => {
        const eq = this.labelMatchMap(f.get(`${prefix}_match`), `${prefix}_match`, false);
        const re = this.labelMatchMap(f.get(`${prefix}_match_re`), `${prefix}_match_re`, true);
        const matchers: Matcher[] = [];
        for (const [name, value] of Object.entries(eq)) {
          matchers.push(newMatcher('=', name, value));
        }
        for (const [name, value] of Object.entries(re)) {
          if (goRegexError(value) === undefined) {
            matchers.push(newMatcher('=~', name, value));
          }
        }
        return [...matchers, ...this.matcherLines(f.get(`${prefix}_matchers`), `${prefix}_matchers`)];
      };
      const equal: string[] = [];
      for (const e of this.list(f.get('equal'), 'equal')) {
        const name = this.string(e, 'equal item');
        if (name === undefined) {
          continue;
        }
        if (!isValidLabelName(name)) {
          this.error(e, `invalid label name ${goQuote(name)} in equal list`);
        }
        equal.push(name);
      }
      out.push({ sourceMatchers: side('source'), targetMatchers: side('target'), equal });
    }
    return out;
  }
}

/**
 * Parses an Alertmanager configuration (the subset Keel supports) with Alertmanager's defaults and checks;
 * every error carries the `file:line:column` of the offending YAML node.
 */
export function parseAlertmanagerConfig(
  text: string,
  fileName: string,
  options: ParseConfigOptions = {},
): ConfigResult {
  const checker = new ConfigChecker(text, fileName, options);
  const config = checker.run();
  if (checker.errors.length > 0 || !config) {
    const errors = [...checker.errors].sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return { ok: true, config };
}
