/** What the API reads of an HTTP request: the URL, and the body once the app's urlencoded parser has run. */
export interface PromHttpRequest {
  originalUrl?: string;
  url?: string;
  body?: unknown;
}

/**
 * The parameters of a Prometheus API request, as Go's `r.Form` has them: the form body's values first, then the
 * URL's. The URL is parsed here (not by Express' query parser) so `match[]` keeps its name; the body arrives
 * parsed by Nest's urlencoded parser (qs, `extended`), which turns `match[]=a` into `{ match: ['a'] }`: a value
 * that became an array or object is therefore read under both `name` and `name[]`.
 */
export class PromParams {
  private readonly values = new Map<string, string[]>();

  constructor(req: PromHttpRequest) {
    if (req.body !== null && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) {
      for (const [key, value] of Object.entries(req.body as Record<string, unknown>)) {
        if (typeof value === 'string') this.add(key, value);
        else if (value !== null && typeof value === 'object') {
          const items = Object.values(value as Record<string, unknown>).filter(
            (item): item is string => typeof item === 'string',
          );
          for (const item of items) {
            this.add(key, item);
            if (!key.endsWith('[]')) this.add(`${key}[]`, item);
          }
        }
      }
    }
    const url = req.originalUrl ?? req.url ?? '';
    const queryStart = url.indexOf('?');
    if (queryStart >= 0) {
      for (const [key, value] of new URLSearchParams(url.slice(queryStart + 1))) this.add(key, value);
    }
  }

  /** The first value, like Go's FormValue; undefined when absent. */
  get(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  getAll(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  private add(key: string, value: string): void {
    const list = this.values.get(key);
    if (list) list.push(value);
    else this.values.set(key, [value]);
  }
}
