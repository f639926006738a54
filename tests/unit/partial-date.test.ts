/** Partial ISO dates (src/shared/partial-date.ts) and the dates pages write (parseDateText). */
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../src/card/article-date.ts';
import {
  clearlyAfter,
  isoOfDay,
  mayBeOnOrAfter,
  near,
  precision,
  span,
} from '../../src/shared/partial-date.ts';

describe('partial ISO dates', () => {
  it('span the days they may mean', () => {
    const days = (d: string) => {
      const s = span(d)!;
      return [isoOfDay(s.first), isoOfDay(s.last)];
    };
    expect(days('2021')).toEqual(['2021-01-01', '2021-12-31']);
    expect(days('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(days('2021-06-15')).toEqual(['2021-06-15', '2021-06-15']);
    for (const bad of ['undated', '2021-13', '2021-02-30', '21-06-15', '2021-6-5', ''])
      expect(span(bad), bad).toBeUndefined();
    expect([precision('2021'), precision('2021-06'), precision('2021-06-15')]).toEqual([1, 2, 3]);
  });

  it('"clearly after" holds only when every day of one follows every day of the other', () => {
    expect(clearlyAfter('2023', '2021-06-15')).toBe(true);
    expect(clearlyAfter('2021-06-16', '2021-06-15')).toBe(true);
    expect(clearlyAfter('2021-07', '2021-06-15')).toBe(true);
    expect(clearlyAfter('2021-06', '2021-06-15')).toBe(false);
    expect(clearlyAfter('2021', '2021-06-15')).toBe(false);
    expect(clearlyAfter('2021-06-15', '2021-06-15')).toBe(false);
    expect(clearlyAfter('2021-06-20', '2021-06')).toBe(false);
    expect(clearlyAfter('2022', 'undated')).toBe(false);
  });

  it('"may be on or after" holds when some day of one is not before the other', () => {
    expect(mayBeOnOrAfter('2021', '2021-06-15')).toBe(true);
    expect(mayBeOnOrAfter('2021-06', '2021-06-15')).toBe(true);
    expect(mayBeOnOrAfter('2021-06-15', '2021-06-15')).toBe(true);
    expect(mayBeOnOrAfter('2021-06-14', '2021-06-15')).toBe(false);
    expect(mayBeOnOrAfter('2021-05', '2021-06')).toBe(false);
  });

  it('"near" allows a number of days of slack between spans', () => {
    expect(near('2021-06-15', '2021-06-16', 1)).toBe(true);
    expect(near('2021-06-15', '2021-06-17', 1)).toBe(false);
    expect(near('2021-06', '2021-07-01', 1)).toBe(true);
    expect(near('2021-06', '2021-06-20', 0)).toBe(true);
    expect(near('2021-06', '2021-07-02', 1)).toBe(false);
  });
});

describe('dates as pages write them', () => {
  it('reads ISO dates as the calendar day written, in its own offset', () => {
    expect(parseDateText('2016-07-29T16:42:34-04:00')).toBe('2016-07-29');
    expect(parseDateText('2019-01-03T07:00:02.000Z')).toBe('2019-01-03');
    expect(parseDateText(' 2017-11-16T14:15+0000 ')).toBe('2017-11-16');
    expect(parseDateText('2017-11-03 03:01:00.000000')).toBe('2017-11-03');
    expect(parseDateText('2021-06-15')).toBe('2021-06-15');
    expect(parseDateText('2021-06')).toBe('2021-06');
    expect(parseDateText('2021/06/15')).toBe('2021-06-15');
    expect(parseDateText('20170113')).toBe('2017-01-13');
    expect(parseDateText('20170113033838')).toBe('2017-01-13');
  });

  it('reads English dates with a month name', () => {
    expect(parseDateText('Fri Mar 13 21:30:09 EST 2015')).toBe('2015-03-13');
    expect(parseDateText('Jan. 13, 2017')).toBe('2017-01-13');
    expect(parseDateText('July 29, 2016')).toBe('2016-07-29');
    expect(parseDateText('24 July 2015')).toBe('2015-07-24');
    expect(parseDateText('Fri, 13 Mar 2015 21:30:09 +1100')).toBe('2015-03-13');
    expect(parseDateText('Sept 1, 2021')).toBe('2021-09-01');
    expect(parseDateText('1st June 2021')).toBe('2021-06-01');
  });

  it('reads nothing ambiguous, impossible or not a date', () => {
    for (const s of [
      '03/04/2015',
      '04.03.2015',
      '2021',
      '2021-02-30',
      '2021-13-01',
      'June 2021',
      'Foo 13, 2017',
      'PT0H0M53S',
      '1437712569',
      'yesterday',
      '',
    ])
      expect(parseDateText(s), s).toBeUndefined();
  });
});
