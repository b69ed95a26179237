import type { ValueType } from './ast';

export interface FunctionSignature {
  name: string;
  argTypes: ValueType[];
  /** 0: exactly argTypes; n > 0: the last argument may be omitted or repeated up to n times; -1: unlimited. */
  variadic: number;
  returnType: ValueType;
}

const V: ValueType = 'vector';
const M: ValueType = 'matrix';
const S: ValueType = 'scalar';
const STR: ValueType = 'string';

function sig(name: string, argTypes: ValueType[], returnType: ValueType, variadic = 0): FunctionSignature {
  return { name, argTypes, variadic, returnType };
}

const SIGNATURES: FunctionSignature[] = [
  ...[
    'abs',
    'ceil',
    'floor',
    'exp',
    'sqrt',
    'ln',
    'log2',
    'log10',
    'sgn',
    'sin',
    'cos',
    'tan',
    'asin',
    'acos',
    'atan',
    'sinh',
    'cosh',
    'tanh',
    'asinh',
    'acosh',
    'atanh',
    'deg',
    'rad',
    'absent',
    'sort',
    'sort_desc',
    'timestamp',
    'histogram_count',
    'histogram_sum',
    'histogram_avg',
    'histogram_stddev',
    'histogram_stdvar',
  ].map((name) => sig(name, [V], V)),
  ...[
    'rate',
    'irate',
    'increase',
    'delta',
    'idelta',
    'deriv',
    'resets',
    'changes',
    'avg_over_time',
    'min_over_time',
    'max_over_time',
    'sum_over_time',
    'count_over_time',
    'stddev_over_time',
    'stdvar_over_time',
    'last_over_time',
    'first_over_time',
    'present_over_time',
    'absent_over_time',
    'mad_over_time',
    'ts_of_min_over_time',
    'ts_of_max_over_time',
    'ts_of_last_over_time',
    'ts_of_first_over_time',
  ].map((name) => sig(name, [M], V)),
  ...['year', 'month', 'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute'].map((name) =>
    sig(name, [V], V, 1),
  ),
  ...['time', 'pi', 'step', 'range', 'start', 'end'].map((name) => sig(name, [], S)),
  sig('round', [V, S], V, 1),
  sig('clamp', [V, S, S], V),
  sig('clamp_min', [V, S], V),
  sig('clamp_max', [V, S], V),
  sig('quantile_over_time', [S, M], V),
  sig('predict_linear', [M, S], V),
  sig('double_exponential_smoothing', [M, S, S], V),
  sig('histogram_quantile', [S, V], V),
  sig('histogram_fraction', [S, S, V], V),
  sig('label_replace', [V, STR, STR, STR, STR], V),
  sig('label_join', [V, STR, STR, STR], V, -1),
  sig('sort_by_label', [V, STR], V, -1),
  sig('sort_by_label_desc', [V, STR], V, -1),
  sig('scalar', [V], S),
  sig('vector', [S], V),
  sig('info', [V, V], V, 1),
];

export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(SIGNATURES.map((s) => [s.name, s]));

/** The type names Prometheus uses in its error messages. */
export function documentedType(t: ValueType): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}
