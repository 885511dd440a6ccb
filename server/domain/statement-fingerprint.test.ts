import { describe, expect, it } from 'vitest';
import { fingerprintOf, normaliseStatement } from './statement-fingerprint';

describe('normaliseStatement', () => {
  it('keeps drizzle’s placeholders as ? and the words as they are', () => {
    expect(normaliseStatement('select "id", "title" from "ppas" where "ppas"."moa_id" = $1 limit $2')).toBe(
      'select "id", "title" from "ppas" where "ppas"."moa_id" = ? limit ?',
    );
  });

  it('strips literals of raw SQL: strings (with quotes inside), numbers, dollar-quoted text', () => {
    expect(normaliseStatement("select * from users where email = 'juan@example.org' and name = 'O''Brien' and age > 42.5")).toBe(
      'select * from users where email = ? and name = ? and age > ?',
    );
    expect(normaliseStatement('select $tag$secret$tag$, pg_sleep(1.2)')).toBe('select ?, pg_sleep(?)');
  });

  it('leaves digits inside names alone', () => {
    expect(normaliseStatement('select t1.col2 from "table_3" t1')).toBe('select t1.col2 from "table_3" t1');
  });

  it('folds value lists of any length to one, so the same statement groups together', () => {
    const three = normaliseStatement('select * from ppas where id in ($1, $2, $3)');
    const five = normaliseStatement('select * from ppas where id in ($1,$2,$3,$4,$5)');
    expect(three).toBe('select * from ppas where id in (?, …)');
    expect(five).toBe(three);
    expect(normaliseStatement('insert into t (a, b) values ($1, $2), ($3, $4), ($5, $6)')).toBe('insert into t (a, b) values (?, …), …');
  });

  it('drops comments and folds whitespace, and caps a huge statement', () => {
    expect(normaliseStatement("select 1 -- the user's name\n  /* 'x' */ from t")).toBe('select ? from t');
    expect(normaliseStatement(`select ${'a, '.repeat(2000)}b`).length).toBe(2001);
  });
});

describe('fingerprintOf', () => {
  it('is stable, differs by statement and by kind', () => {
    const a = fingerprintOf('query', 'select ?');
    expect(a).toMatch(/^query:[0-9a-f]{16}$/);
    expect(fingerprintOf('query', 'select ?')).toBe(a);
    expect(fingerprintOf('query', 'select ? from t')).not.toBe(a);
    expect(fingerprintOf('request', 'select ?')).not.toBe(a.replace('query', 'request'));
  });
});
