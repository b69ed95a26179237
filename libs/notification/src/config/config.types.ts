import type { InhibitRule } from '../inhibit/inhibitor';
import type { Matcher } from '../matchers/matcher';

/** Where something sits in a config file (1-based line and column). */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface ConfigError extends SourcePosition {
  /** The reason, in Alertmanager's wording where Alertmanager has one. */
  reason: string;
  /** `file:line:column: reason`. */
  message: string;
}

export interface HostPort {
  host: string;
  port: string;
}

export interface GlobalConfig {
  /** resolve_timeout (5m by default). */
  resolveTimeoutMs: number;
  smtpFrom?: string;
  /** smtp_hello ("localhost" by default). */
  smtpHello: string;
  smtpSmarthost?: HostPort;
  smtpAuthUsername?: string;
  smtpAuthPassword?: string;
  smtpAuthIdentity?: string;
  /** smtp_require_tls (true by default). */
  smtpRequireTls: boolean;
  slackApiUrl?: string;
}

/** A route as written (no inheritance applied; `Route.fromConfig` applies it). */
export interface RouteConfig {
  receiver?: string;
  /** The explicit group_by labels; undefined when group_by is absent (inherited) or is `['...']`. */
  groupBy?: string[];
  /** group_by: ['...'] — group by all labels. */
  groupByAll: boolean;
  /** Legacy `match` (equality). */
  match: Record<string, string>;
  /** Legacy `match_re` (regex, anchored). */
  matchRe: Record<string, string>;
  /** `matchers` lines, parsed. */
  matchers: Matcher[];
  continue: boolean;
  groupWaitMs?: number;
  groupIntervalMs?: number;
  repeatIntervalMs?: number;
  routes: RouteConfig[];
  position: SourcePosition;
}

interface NotifierConfig {
  sendResolved: boolean;
}

export interface WebhookConfig extends NotifierConfig {
  url: string;
  /** 0 means no limit. */
  maxAlerts: number;
  /** timeout (Alertmanager ≥ 0.28); 0 means the notification's own deadline. */
  timeoutMs: number;
}

export interface EmailConfig extends NotifierConfig {
  to: string;
  from: string;
  hello: string;
  smarthost: HostPort;
  authUsername?: string;
  authPassword?: string;
  authIdentity?: string;
  requireTls: boolean;
  /** Extra headers, names canonicalised (textproto.CanonicalMIMEHeaderKey). */
  headers: Record<string, string>;
  /** Literal HTML body; undefined = the built-in body. */
  html?: string;
  /** Literal text body; undefined = the built-in text body. */
  text?: string;
}

export interface SlackConfig extends NotifierConfig {
  apiUrl: string;
  channel?: string;
  username?: string;
  title?: string;
  titleLink?: string;
  text?: string;
  color?: string;
  fallback?: string;
  /** timeout (Alertmanager ≥ 0.30); 0 means the notification's own deadline. */
  timeoutMs: number;
}

export interface ReceiverConfig {
  name: string;
  webhookConfigs: WebhookConfig[];
  emailConfigs: EmailConfig[];
  slackConfigs: SlackConfig[];
  position: SourcePosition;
}

export interface AlertmanagerConfig {
  global: GlobalConfig;
  route: RouteConfig;
  receivers: ReceiverConfig[];
  inhibitRules: InhibitRule[];
}

export type ConfigResult = { ok: true; config: AlertmanagerConfig } | { ok: false; errors: ConfigError[] };

export interface ParseConfigOptions {
  /**
   * When given, `${NAME}` in secret-bearing fields (webhook url, slack api_url / slack_api_url, SMTP auth
   * username and password) is replaced by env[NAME]; an unset variable is an error. Without it nothing is expanded.
   */
  env?: Readonly<Record<string, string | undefined>>;
}
