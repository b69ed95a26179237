export { parseRuleFile } from './rule-file/parse-rule-file';
export type {
  AlertingRule,
  RecordingRule,
  Rule,
  RuleFileError,
  RuleFileResult,
  RuleGroup,
  SourcePosition,
} from './rule-file/rule-file.types';
export {
  AlertTemplate,
  checkTemplate,
  TemplateParseError,
  type AlertTemplateData,
  type ExpandOptions,
  type ExpandResult,
  type QuerySample,
} from './templates/template';
export { humanize, humanize1024, humanizeDuration, humanizePercentage } from './templates/template-functions';
export { formatFloat, formatGoValue } from './templates/go-float';
export { goSprintf } from './templates/go-printf';
export type { TemplateValue } from './templates/values';
export type {
  AlertChange,
  AlertInstance,
  AlertState,
  AlertTransition,
  InstantVector,
  NotifierAlert,
  RuleHealth,
  RuleQuerier,
  RuleSample,
} from './evaluation/evaluation.types';
export { memoryQuerier, NOT_A_VECTOR_OR_SCALAR } from './evaluation/memory-querier';
export {
  alertGeneratorURL,
  ALERTS_FOR_STATE_METRIC,
  ALERTS_METRIC,
  AlertingRuleEvaluator,
  type AlertingRuleOptions,
  goQueryEscape,
  RESOLVED_RETENTION_MS,
  toNotifierAlert,
} from './evaluation/alerting-rule';
export { RecordingRuleEvaluator, type RecordingRuleOptions } from './evaluation/recording-rule';
export {
  type AlertToSend,
  DEFAULT_RESEND_DELAY_MS,
  type GroupEvaluation,
  GroupEvaluator,
  type GroupEvaluatorOptions,
  type RuleEvaluationResult,
  type RuleEvaluator,
  type RuleOutput,
  type RuleOutputSink,
} from './evaluation/group-evaluator';
export { groupEvaluationTimestamp, groupHash, type GroupIdentity } from './evaluation/group-timestamp';
export {
  HISTOGRAM_SKIP_REASON,
  runRuleTestFile,
  type RuleTestCase,
  type RuleTestFileResult,
  type RuleTestOptions,
  type RuleTestStatus,
} from './unit-tests/run-rule-tests';
export { parseRuleTestFile, type RuleTestFile, TestFileError } from './unit-tests/test-file';
