import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goGlob } from './go-glob';

describe('goGlob (Go filepath.Glob)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-glob-'));
    for (const f of ['rules.yml', 'slo-rules.yml', 'test.yml', '.hidden.yml', 'a-b.yml'])
      writeFileSync(join(dir, f), '');
    mkdirSync(join(dir, 'team-a'));
    mkdirSync(join(dir, 'team-b'));
    writeFileSync(join(dir, 'team-a', 'x.yml'), '');
    writeFileSync(join(dir, 'team-b', 'x.yml'), '');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const names = (pattern: string): string[] => goGlob(join(dir, pattern)).map((p) => p.slice(dir.length + 1));

  it('matches *, ?, classes and escapes within one segment, sorted, dot files included', () => {
    expect(names('*.yml')).toEqual(['.hidden.yml', 'a-b.yml', 'rules.yml', 'slo-rules.yml', 'test.yml']);
    expect(names('r?les.yml')).toEqual(['rules.yml']);
    expect(names('[rs]*.yml')).toEqual(['rules.yml', 'slo-rules.yml']);
    expect(names('[^rs.]*.yml')).toEqual(['a-b.yml', 'test.yml']);
    expect(names('[a-b]\\-b.yml')).toEqual(['a-b.yml']);
    expect(names('team-*/x.yml')).toEqual(['team-a/x.yml', 'team-b/x.yml']);
  });

  it('returns a pattern without metacharacters only when the file exists, and refuses a bad pattern', () => {
    expect(names('rules.yml')).toEqual(['rules.yml']);
    expect(names('nope.yml')).toEqual([]);
    expect(() => goGlob(join(dir, '[ab'))).toThrow('syntax error in pattern');
  });
});
