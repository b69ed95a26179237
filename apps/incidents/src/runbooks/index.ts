// Runbooks: metadata from Markdown front matter, validation as the seed's RunbookValidator describes, and the
// runbook an incident activates. Pure logic: no database, no Nest; external links are checked through an injected
// function.
export { alertRuleNamesOf } from './alert-rules';
export { allowHostSet, checkLinkAddresses, forbiddenAddressCategory } from './link-guard';
export type { AddressCategory, AddressVerdict } from './link-guard';
export { matchRunbook } from './match-runbook';
export type { IncidentForRunbook, MatchableRunbook, RunbookMatch, RunbookMatchReason } from './match-runbook';
export { parseRunbook, parseRunbookOrThrow, runbookPathProblem, splitFrontMatter } from './parse-runbook';
export { outline, slugify } from './runbook-markdown';
export type { MarkdownHeading, MarkdownLink, MarkdownLinkKind, MarkdownOutline } from './runbook-markdown';
export { RunbookErrorCode, RunbookException } from './runbook.exception';
export type { CalendarDate, Runbook, RunbookMetadata, RunbookParseResult, RunbookProblem } from './runbook.types';
export { validateRunbooks } from './validate-runbooks';
export type {
  BrokenLink,
  ExternalLinkChecker,
  ExternalLinkResult,
  RunbookRecommendation,
  RunbookRecommendationKind,
  RunbookSource,
  RunbookValidation,
  RunbookValidationReport,
  ValidateRunbooksInput,
} from './validate-runbooks';
