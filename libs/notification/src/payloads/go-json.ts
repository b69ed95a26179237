// JSON as Go's encoding/json Encoder writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped, a trailing newline.
// Object keys print in insertion order, so build maps with their keys already sorted.

/** The body Alertmanager's webhook and Slack notifiers post (json.NewEncoder(&buf).Encode(v)). */
export function encodeGoJSON(value: unknown): string {
  const json = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `${json}\n`;
}
