import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// kafkajs has had no release since 2023. Keeping it in this one folder is what makes it replaceable, so the
// rule is checked here rather than trusted: no file of an app or lib outside src/kafkajs/ may import it.
const root = join(__dirname, '..', '..', '..', '..');
const adapterFolder = relative(root, __dirname);
const IMPORTS_KAFKAJS = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]kafkajs(?:\/[^'"]*)?['"]/;
const SKIPPED = new Set(['node_modules', 'dist', '.next', 'coverage']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(path);
    }
    return /\.(c|m)?(t|j)sx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the kafkajs boundary', () => {
  it('lets only libs/kafka/src/kafkajs/ import kafkajs', () => {
    const offenders = ['apps', 'libs']
      .flatMap((top) => sourceFiles(join(root, top)))
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith(`${adapterFolder}/`))
      .filter((file) => IMPORTS_KAFKAJS.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('recognises the ways a file can import it', () => {
    for (const line of [
      "import { Kafka } from 'kafkajs';",
      'import type { Producer } from "kafkajs";',
      "const k = require('kafkajs');",
      "await import('kafkajs/src/errors')",
    ]) {
      expect(IMPORTS_KAFKAJS.test(line)).toBe(true);
    }
    expect(IMPORTS_KAFKAJS.test("import { x } from './kafkajs/kafkajs-driver';")).toBe(false);
  });
});
