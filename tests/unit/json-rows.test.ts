import { describe, expect, it } from 'vitest';
import { forEachJsonRow } from '../../src/graph/json-rows.js';

const rowsOf = (text: string, sliceBytes?: number) => {
  const rows: unknown[] = [];
  forEachJsonRow(Buffer.from(text, 'utf8'), (row) => rows.push(row), sliceBytes);
  return rows;
};

describe('JSON rows read in slices', () => {
  // Strings holding every delimiter the scan looks for, escaped quotes and backslashes, and
  // multi-byte UTF-8; nested arrays and objects; rows of every JSON kind.
  const rows: unknown[] = [
    [3, 12, 40, null, 0, 0],
    [1, 2, 3, 'rel/a-PART_OF->b', 2, { text: '2015-05', precision: 'MONTH', year: 2015, month: 5 }],
    ['a,b]c[d{e}f', 'quote " and \\ backslash \\" ,]', '公安部, 改革 ]', [[], {}, [[1, [2]]]]],
    { not: 'an array', nested: { list: [1, ',', ']'] } },
    'a string row',
    42,
    null,
    true,
    ['\u0000\u001f control', 'emoji 🙂 , ] [', 'ends with backslash \\'],
  ];
  const text = JSON.stringify(rows);

  it('gives the rows one JSON.parse gives, at every slice size', () => {
    for (const slice of [1, 2, 7, 16, 64, 1 << 16]) expect(rowsOf(text, slice)).toEqual(JSON.parse(text));
    expect(rowsOf(' \n[ ]\n ')).toEqual([]);
    expect(rowsOf('[]', 1)).toEqual([]);
  });

  it('parses a frame of many rows in many slices, in order', () => {
    const many = Array.from({ length: 5000 }, (_, i) => [
      i % 7,
      i,
      i * 3,
      i % 11 === 0 ? `rel/x-${i}-"q",]` : null,
      0,
      0,
    ]);
    const bytes = JSON.stringify(many);
    let slices = 0;
    const parse = JSON.parse;
    JSON.parse = (...args: Parameters<typeof parse>) => {
      slices++;
      return parse(...args);
    };
    try {
      expect(rowsOf(bytes, 1024)).toEqual(many);
    } finally {
      JSON.parse = parse;
    }
    expect(slices).toBeGreaterThan(bytes.length / 1024 / 2);
  });

  it('throws a SyntaxError for anything one JSON.parse would refuse', () => {
    for (const bad of [
      '',
      '[1,2',
      '[1,2]]',
      '[1,2] x',
      '[1,,2]',
      '["unclosed]',
      '[1,2}',
      '[[1,2]',
      '[1,]',
      '[1, ,2]',
      '[1,\n]',
    ]) {
      expect(() => JSON.parse(bad)).toThrow(SyntaxError);
      for (const slice of [1, 1 << 16]) expect(() => rowsOf(bad, slice), `${bad} / ${slice}`).toThrow(SyntaxError);
    }
    // Valid JSON, but not an array of rows.
    expect(() => rowsOf('{"a":[1,2]}')).toThrow(SyntaxError);
  });
});
