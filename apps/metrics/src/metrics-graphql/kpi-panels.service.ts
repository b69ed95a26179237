import { Injectable } from '@nestjs/common';
import { QueryService } from '../query-api';
import { KPI_PANELS } from './kpi-panels';

export interface KpiPanelValue {
  labels: Record<string, string>;
  t: number;
  v: number;
}

export interface EvaluatedKpiPanel {
  id: string;
  title: string;
  unit: string;
  expression: string;
  values: KpiPanelValue[];
}

/** Evaluates every KPI panel at one instant, each over the same range (in parallel: one query each). */
@Injectable()
export class KpiPanelsService {
  constructor(private readonly queries: QueryService) {}

  evaluate(rangeMinutes: number, atMs: number): Promise<EvaluatedKpiPanel[]> {
    return Promise.all(
      KPI_PANELS.map(async (panel) => {
        const expression = panel.expression(`${rangeMinutes}m`);
        const result = await this.queries.instant(expression, atMs);
        const values =
          result.value.type === 'vector'
            ? result.value.samples.map((s) => ({ labels: s.labels, t: s.t, v: s.v }))
            : result.value.type === 'scalar'
              ? [{ labels: {}, t: result.value.t, v: result.value.v }]
              : [];
        return { id: panel.id, title: panel.title, unit: panel.unit, expression, values };
      }),
    );
  }
}
