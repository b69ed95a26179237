import { parseRunbook, splitFrontMatter } from './parse-runbook';
import { type MarkdownLink, outline } from './runbook-markdown';
import { RunbookErrorCode, RunbookException } from './runbook.exception';
import type { CalendarDate, Runbook, RunbookProblem } from './runbook.types';

export interface RunbookSource {
  path: string;
  content: string;
}

export type ExternalLinkResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks one external URL (http or https, without its #fragment), e.g. with a HEAD request. Injected so the
 * validation stays pure; a thrown error counts as a broken link with the error's message.
 */
export type ExternalLinkChecker = (url: string) => Promise<ExternalLinkResult>;

export interface ValidateRunbooksInput {
  runbooks: readonly RunbookSource[];
  /** Alert rule names from the alerting API; each should be covered by a runbook. */
  alertRuleNames: readonly string[];
  now: Date;
  /** A runbook whose last review is older than this many days is outdated (default 180). */
  maxReviewAgeDays?: number;
  /** Without one, external links are counted as unchecked. */
  checkExternalLink?: ExternalLinkChecker;
  /** How many external checks run at once (default 8). */
  externalConcurrency?: number;
}

export interface BrokenLink {
  path: string;
  line: number;
  column: number;
  target: string;
  reason: string;
  /** `path:line:column: link "target": reason` */
  message: string;
}

export interface RunbookValidation {
  path: string;
  title: string;
  owner: string | null;
  /** Front matter readable and valid (see problems). */
  valid: boolean;
  /** Reviewed within the allowed age (false for an invalid runbook or one never reviewed). */
  isCurrent: boolean;
  lastReviewed: CalendarDate | null;
  /** Whole days since the last review; negative when the date lies in the future. */
  reviewAgeDays: number | null;
  problems: RunbookProblem[];
  brokenLinks: BrokenLink[];
}

export type RunbookRecommendationKind =
  | 'fix_invalid'
  | 'write_missing'
  | 'fix_broken_links'
  | 'review_outdated'
  | 'fix_review_date'
  | 'remove_unknown_alert'
  | 'add_applicability';

export interface RunbookRecommendation {
  kind: RunbookRecommendationKind;
  path: string | null;
  alertName: string | null;
  message: string;
}

/** The seed's RunbookValidator report: every runbook, the outdated ones, missing ones, and what to do. */
export interface RunbookValidationReport {
  /** In path order. */
  runbooks: RunbookValidation[];
  invalid: RunbookValidation[];
  /** Valid runbooks that are not current. */
  outdated: RunbookValidation[];
  /** Alert rule names no valid runbook lists, sorted. */
  missing: string[];
  /** Alert names runbooks list that no alert rule has (renamed or deleted rules). */
  unknownAlerts: { path: string; alertName: string }[];
  brokenLinks: BrokenLink[];
  externalLinks: { checked: number; unchecked: number };
  recommendations: RunbookRecommendation[];
}

const DAY_MS = 86_400_000;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function invalidOption(message: string): RunbookException {
  return new RunbookException(RunbookErrorCode.INVALID_RUNBOOK_VALIDATION_OPTIONS, message);
}

function wholeNumber(value: number | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

type Classified =
  | { kind: 'anchor'; anchor: string }
  | { kind: 'runbook'; path: string; anchor: string | null }
  | { kind: 'external'; url: string }
  | { kind: 'ignored' }
  | { kind: 'broken'; reason: string };

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Resolves `target` against the directory of `from`; a leading `/` starts at the runbook tree's root. */
function resolve(from: string, target: string): string | null {
  const base = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  const parts = [...base];
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.join('/');
}

/**
 * What a link points at. Relative links are checked when they name a `.md` file (another runbook); other relative
 * files (images, scripts) and non-web schemes (mailto:, tel:) are not the runbook tree's business.
 */
function classify(from: string, target: string): Classified {
  if (target.startsWith('#')) {
    const anchor = decode(target.slice(1));
    if (anchor === null) return { kind: 'broken', reason: 'malformed percent-encoding' };
    return anchor === '' ? { kind: 'ignored' } : { kind: 'anchor', anchor };
  }
  if (target.startsWith('//')) return { kind: 'external', url: `https:${target.split('#')[0]}` };
  if (SCHEME.test(target)) {
    return /^https?:/i.test(target) ? { kind: 'external', url: target.split('#')[0] } : { kind: 'ignored' };
  }
  const hash = target.indexOf('#');
  const pathPart = (hash < 0 ? target : target.slice(0, hash)).split('?')[0];
  const anchorPart = hash < 0 ? null : target.slice(hash + 1);
  const decodedPath = decode(pathPart);
  const anchor = anchorPart === null ? null : decode(anchorPart);
  if (decodedPath === null || (anchorPart !== null && anchor === null)) {
    return { kind: 'broken', reason: 'malformed percent-encoding' };
  }
  if (decodedPath === '') return anchor ? { kind: 'anchor', anchor } : { kind: 'ignored' };
  if (!decodedPath.endsWith('.md')) return { kind: 'ignored' };
  const path = resolve(from, decodedPath);
  if (path === null) return { kind: 'broken', reason: 'points outside the runbook tree' };
  return { kind: 'runbook', path, anchor: anchor === '' ? null : anchor };
}

async function checkAll(
  urls: readonly string[],
  checker: ExternalLinkChecker,
  concurrency: number,
): Promise<Map<string, ExternalLinkResult>> {
  const results = new Map<string, ExternalLinkResult>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      try {
        results.set(url, await checker(url));
      } catch (error) {
        results.set(url, {
          ok: false,
          reason: `check failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  return results;
}

function reviewAge(lastReviewed: CalendarDate, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${lastReviewed}T00:00:00Z`)) / DAY_MS);
}

/**
 * Validates a set of runbooks as the seed's RunbookValidator describes: front matter, review age, alert coverage
 * and links (relative links to runbooks and their headings; external ones through `checkExternalLink`). A review
 * date up to one day ahead is tolerated (time zones); further ahead it is flagged and not current.
 */
export async function validateRunbooks(input: ValidateRunbooksInput): Promise<RunbookValidationReport> {
  const maxAge = wholeNumber(input.maxReviewAgeDays, 180, 'maxReviewAgeDays', 1, 3650);
  const concurrency = wholeNumber(input.externalConcurrency, 8, 'externalConcurrency', 1, 64);
  const sources = [...input.runbooks].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Every file's anchors, even when its front matter is invalid: a link to it is still a link to a real file.
  const anchorsByPath = new Map<string, Set<string>>();
  const linksByPath = new Map<string, MarkdownLink[]>();
  const parsed = new Map<string, Runbook>();
  const problemsByPath = new Map<string, RunbookProblem[]>();
  for (const source of sources) {
    if (anchorsByPath.has(source.path)) {
      const reason = `duplicate runbook path "${source.path}"`;
      problemsByPath
        .get(source.path)
        ?.push({ path: source.path, line: 1, column: 1, reason, message: `${source.path}:1:1: ${reason}` });
      parsed.delete(source.path);
      continue;
    }
    const split = splitFrontMatter(source.content);
    const { anchors, links } = outline(split.body, split.bodyLine);
    anchorsByPath.set(source.path, anchors);
    linksByPath.set(source.path, links);
    const result = parseRunbook(source.path, source.content);
    problemsByPath.set(source.path, result.ok ? [] : result.problems);
    if (result.ok) parsed.set(source.path, result.runbook);
  }

  // Links.
  const pending: { path: string; link: MarkdownLink; url: string }[] = [];
  const broken = new Map<string, BrokenLink[]>();
  const addBroken = (path: string, link: MarkdownLink, reason: string) => {
    const list = broken.get(path) ?? [];
    list.push({
      path,
      line: link.line,
      column: link.column,
      target: link.target,
      reason,
      message: `${path}:${link.line}:${link.column}: link "${link.target}": ${reason}`,
    });
    broken.set(path, list);
  };
  for (const [path, links] of linksByPath) {
    for (const link of links) {
      const target = classify(path, link.target);
      switch (target.kind) {
        case 'anchor':
          if (!anchorsByPath.get(path)?.has(target.anchor.toLowerCase())) {
            addBroken(path, link, `heading "#${target.anchor}" does not exist in this runbook`);
          }
          break;
        case 'runbook': {
          const anchors = anchorsByPath.get(target.path);
          if (anchors === undefined) addBroken(path, link, `runbook "${target.path}" does not exist`);
          else if (target.anchor !== null && !anchors.has(target.anchor.toLowerCase())) {
            addBroken(path, link, `heading "#${target.anchor}" does not exist in "${target.path}"`);
          }
          break;
        }
        case 'external':
          pending.push({ path, link, url: target.url });
          break;
        case 'broken':
          addBroken(path, link, target.reason);
          break;
        case 'ignored':
          break;
      }
    }
  }
  const urls = [...new Set(pending.map((p) => p.url))];
  const checker = input.checkExternalLink;
  const results =
    checker === undefined ? new Map<string, ExternalLinkResult>() : await checkAll(urls, checker, concurrency);
  for (const { path, link, url } of pending) {
    const result = results.get(url);
    if (result !== undefined && !result.ok) addBroken(path, link, `external link is broken: ${result.reason}`);
  }
  for (const list of broken.values()) list.sort((a, b) => a.line - b.line || a.column - b.column);

  // Per runbook.
  const today = input.now;
  const runbooks: RunbookValidation[] = [...anchorsByPath.keys()].map((path) => {
    const runbook = parsed.get(path);
    const lastReviewed = runbook?.metadata.lastReviewed ?? null;
    const reviewAgeDays = lastReviewed === null ? null : reviewAge(lastReviewed, today);
    return {
      path,
      title: runbook?.title ?? path,
      owner: runbook?.metadata.owner ?? null,
      valid: runbook !== undefined,
      isCurrent: reviewAgeDays !== null && reviewAgeDays >= -1 && reviewAgeDays <= maxAge,
      lastReviewed,
      reviewAgeDays,
      problems: problemsByPath.get(path) ?? [],
      brokenLinks: broken.get(path) ?? [],
    };
  });

  // Coverage.
  const ruleNames = new Set(input.alertRuleNames);
  const covered = new Set([...parsed.values()].flatMap((r) => r.metadata.alerts));
  const missing = [...ruleNames].filter((name) => !covered.has(name)).sort();
  const unknownAlerts = [...parsed.values()].flatMap((r) =>
    r.metadata.alerts.filter((a) => !ruleNames.has(a)).map((alertName) => ({ path: r.path, alertName })),
  );

  // Recommendations, most urgent kind first.
  const recommendations: RunbookRecommendation[] = [];
  const recommend = (kind: RunbookRecommendationKind, path: string | null, alertName: string | null, message: string) =>
    recommendations.push({ kind, path, alertName, message });
  for (const v of runbooks) {
    if (!v.valid) {
      recommend(
        'fix_invalid',
        v.path,
        null,
        `${v.path}: fix ${v.problems.length === 1 ? 'its problem' : `its ${v.problems.length} problems`} (${v.problems[0].reason})`,
      );
    }
  }
  for (const name of missing) {
    recommend(
      'write_missing',
      null,
      name,
      `write a runbook for alert "${name}", or add it to the alerts of an existing one`,
    );
  }
  for (const v of runbooks) {
    const n = v.brokenLinks.length;
    if (n > 0)
      recommend('fix_broken_links', v.path, null, `${v.path}: fix ${n === 1 ? '1 broken link' : `${n} broken links`}`);
  }
  for (const v of runbooks) {
    if (!v.valid || v.isCurrent) continue;
    if (v.reviewAgeDays === null) {
      recommend(
        'review_outdated',
        v.path,
        null,
        `${v.path}: never reviewed; review it with ${v.owner} and set last_reviewed`,
      );
    } else if (v.reviewAgeDays > maxAge) {
      recommend(
        'review_outdated',
        v.path,
        null,
        `${v.path}: last reviewed ${v.lastReviewed}, ${v.reviewAgeDays} days ago (limit ${maxAge}); review it with ${v.owner}`,
      );
    }
  }
  for (const v of runbooks) {
    if (v.reviewAgeDays !== null && v.reviewAgeDays < -1) {
      recommend('fix_review_date', v.path, null, `${v.path}: last_reviewed ${v.lastReviewed} is in the future`);
    }
  }
  for (const { path, alertName } of unknownAlerts) {
    recommend(
      'remove_unknown_alert',
      path,
      alertName,
      `${path}: alert "${alertName}" has no alert rule; fix its name or remove it`,
    );
  }
  for (const runbook of parsed.values()) {
    // matchRunbook activates by alert, service and type, or type: services alone never match.
    const { alerts, incidentTypes } = runbook.metadata;
    if (alerts.length === 0 && incidentTypes.length === 0) {
      recommend(
        'add_applicability',
        runbook.path,
        null,
        `${runbook.path}: lists no alerts and no incident types, so no incident activates it`,
      );
    }
  }

  return {
    runbooks,
    invalid: runbooks.filter((v) => !v.valid),
    outdated: runbooks.filter((v) => v.valid && !v.isCurrent),
    missing,
    unknownAlerts,
    brokenLinks: runbooks.flatMap((v) => v.brokenLinks),
    externalLinks: {
      checked: checker === undefined ? 0 : urls.length,
      unchecked: checker === undefined ? urls.length : 0,
    },
    recommendations,
  };
}
