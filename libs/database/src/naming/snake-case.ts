/**
 * Converts an identifier written in camelCase, PascalCase or with separators into snake_case.
 * Acronyms stay together (`HTTPServer` → `http_server`) and digits stick to the word before them
 * (`sha256Hash` → `sha256_hash`).
 */
export function snakeCase(input: string): string {
  return input
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z\d]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
