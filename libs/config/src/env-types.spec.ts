import { z } from 'zod';
import { envBoolean, envEnum, envInteger, envList, envSecret, envUrl } from './env-types';

function messageOf(schema: z.ZodType, value: string): string | undefined {
  return schema.safeParse(value).error?.issues[0]?.message;
}

describe('envBoolean', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads %s as %s', (raw, expected) => {
    expect(envBoolean().parse(raw)).toBe(expected);
  });

  it.each(['yes', 'TRUE', 'on', ' 1', ''])('refuses %p, naming the value', (raw) => {
    expect(messageOf(envBoolean(), raw)).toBe(`expected true, false, 1 or 0, got ${JSON.stringify(raw)}`);
  });
});

describe('envInteger', () => {
  it('parses integers within the range', () => {
    expect(envInteger({ min: 1, max: 10 }).parse('10')).toBe(10);
    expect(envInteger().parse('-5')).toBe(-5);
  });

  it.each(['abc', '1.5', '1e3', '', '11', '0', '99999999999999999999'])('refuses %p', (raw) => {
    expect(messageOf(envInteger({ min: 1, max: 10 }), raw)).toBe(
      `expected an integer 1..10, got ${JSON.stringify(raw)}`,
    );
  });

  it('describes an open range', () => {
    expect(messageOf(envInteger({ min: 1 }), '0')).toBe('expected an integer >= 1, got "0"');
  });
});

describe('envEnum', () => {
  it('accepts a listed value and refuses others, naming them', () => {
    const schema = envEnum(['a', 'b']);
    const value: 'a' | 'b' = schema.parse('b');
    expect(value).toBe('b');
    expect(messageOf(schema, 'c')).toBe('expected one of a|b, got "c"');
  });
});

describe('envList', () => {
  it('splits on commas, trims and drops empty entries', () => {
    expect(envList().parse(' a, b ,,c ')).toEqual(['a', 'b', 'c']);
  });

  it('refuses an empty list and entries that do not match', () => {
    expect(messageOf(envList(), ' , ')).toBe('expected a comma-separated list of entry, got " , "');
    expect(messageOf(envList({ item: /^\d+$/, itemName: 'numbers' }), '1,x')).toBe(
      'expected a comma-separated list of numbers, got "1,x"',
    );
  });
});

describe('envUrl', () => {
  const postgres = envUrl(['postgres', 'postgresql']);

  it('accepts the listed protocols', () => {
    expect(postgres.parse('postgresql://u:p@h:5432/db')).toBe('postgresql://u:p@h:5432/db');
  });

  it('refuses other protocols and non-URLs without echoing them', () => {
    expect(messageOf(postgres, 'https://u:pw@h/db')).toBe(
      'expected a postgres:// or postgresql:// URL, got a https:// URL',
    );
    expect(messageOf(postgres, 'not a url with pw')).toBe(
      'expected a postgres:// or postgresql:// URL, got something that is not a URL',
    );
  });
});

describe('envSecret', () => {
  it('enforces a minimum length without quoting the value', () => {
    expect(messageOf(envSecret({ minLength: 8 }), 'abc')).toBe('must be at least 8 characters');
    expect(envSecret({ minLength: 8 }).parse('abcdefgh')).toBe('abcdefgh');
  });
});
