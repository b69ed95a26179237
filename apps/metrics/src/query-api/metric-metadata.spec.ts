import { inferMetadata } from './metric-metadata';

const shape = (name: string, labels: { quantile?: boolean; le?: boolean } = {}) => ({
  name,
  hasQuantile: labels.quantile ?? false,
  hasLe: labels.le ?? false,
});

describe('inferMetadata', () => {
  it('folds histogram and summary series into their family and types the rest by convention', () => {
    const metadata = inferMetadata([
      shape('http_request_duration_seconds_bucket', { le: true }),
      shape('http_request_duration_seconds_sum'),
      shape('http_request_duration_seconds_count'),
      shape('api_response_time_seconds', { quantile: true }),
      shape('api_response_time_seconds_sum'),
      shape('api_response_time_seconds_count'),
      shape('http_errors_total'),
      shape('nodejs_heap_size_used_bytes'),
      shape('jobs_count'),
    ]);
    expect(Object.fromEntries([...metadata].map(([name, m]) => [name, m.type]))).toEqual({
      api_response_time_seconds: 'summary',
      http_errors_total: 'counter',
      http_request_duration_seconds: 'histogram',
      jobs_count: 'unknown',
      nodejs_heap_size_used_bytes: 'unknown',
    });
    expect(metadata.get('http_errors_total')).toEqual({ type: 'counter', help: '', unit: '' });
  });

  it('keeps a _bucket series without le as a metric of its own', () => {
    expect([...inferMetadata([shape('tokens_bucket')]).keys()]).toEqual(['tokens_bucket']);
  });
});
