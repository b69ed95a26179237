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
