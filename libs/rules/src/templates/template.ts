import { TemplateExecutor } from './template-eval';
import { TEMPLATE_FUNCTIONS, type TemplateFunction } from './template-functions';
import type { TemplateNode } from './template-ast';
import { TemplateParseError, TemplateParser } from './template-parser';
import type { TemplateValue } from './values';

/** One series of a `query` result, as Prometheus' templates see it (`.Labels`, `.Value`). */
export interface QuerySample {
  labels: Record<string, string>;
  value: number;
}

export interface AlertTemplateData {
  labels: Record<string, string>;
  externalLabels?: Record<string, string>;
  externalURL?: string;
  value: number | string;
}

export interface ExpandOptions {
  /** Backs the `query` function, e.g. an instant query against the rule's data source. */
  query?: (promql: string) => Promise<QuerySample[]>;
}

export type ExpandResult = { ok: true; text: string } | { ok: false; error: string };

const PREDECLARED = ['$labels', '$externalLabels', '$externalURL', '$value'];

export class AlertTemplate {
  private constructor(
    readonly name: string,
    readonly source: string,
    private readonly nodes: TemplateNode[],
  ) {}

  /** Parses an alert label/annotation template; throws TemplateParseError with Go's wording and the position. */
  static parse(source: string, name = '__alert'): AlertTemplate {
    const parser = new TemplateParser(source, name, (fn) => fn in TEMPLATE_FUNCTIONS, PREDECLARED);
    return new AlertTemplate(name, source, parser.parse());
  }

  /** Renders the template for one alert; evaluation failures come back as a result, never thrown. */
  async expand(data: AlertTemplateData, options: ExpandOptions = {}): Promise<ExpandResult> {
    const labels: Record<string, TemplateValue> = { ...data.labels };
    const externalLabels: Record<string, TemplateValue> = { ...(data.externalLabels ?? {}) };
    const dot: Record<string, TemplateValue> = {
      Labels: labels,
      ExternalLabels: externalLabels,
      ExternalURL: data.externalURL ?? '',
      Value: data.value,
    };
    const functions: Record<string, TemplateFunction> = { ...TEMPLATE_FUNCTIONS };
    const { query } = options;
    if (query) {
      functions.query = async (q) => {
        const samples = await query(String(q));
        return samples.map((s) => ({ Labels: { ...s.labels }, Value: s.value }));
      };
    }
    try {
      const text = await new TemplateExecutor(this.name, this.source, functions).run(this.nodes, dot, {
        $labels: labels,
        $externalLabels: externalLabels,
        $externalURL: dot.ExternalURL,
        $value: data.value,
      });
      return { ok: true, text };
    } catch (e) {
      return {
        ok: false,
        error: `error executing template ${this.name}: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
}

/** Parse-checks a template without keeping it: undefined when valid. */
export function checkTemplate(source: string, name = '__alert'): TemplateParseError | undefined {
  try {
    AlertTemplate.parse(source, name);
    return undefined;
  } catch (e) {
    if (e instanceof TemplateParseError) {
      return e;
    }
    throw e;
  }
}

export { TemplateParseError };
