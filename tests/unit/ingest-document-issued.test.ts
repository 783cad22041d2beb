/**
 * Policy documents named in lower case (issue 15, sixth wave): a guideline, plan or circular the
 * text says was issued or approved is a DOCUMENT; a bare later mention or an action plan is not.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const documents = (text: string) =>
  extractInvented(text, 'documents')
    .entities.filter((e) => e.kind === 'DOCUMENT')
    .map((e) => e.name);

describe('a document said to be issued', () => {
  it('"a guideline for X was issued by …" names the guideline by its purpose', () => {
    expect(documents('A guideline for the licensing of pet shops was issued by the county council on May 3.')).toEqual([
      'Guideline for the licensing of pet shops',
    ]);
  });
  it('"a X plan approved by … and released" is a document too', () => {
    expect(
      documents('The change follows a harbour safety reform plan approved by the city and released on Monday.'),
    ).toEqual(['Harbour safety reform plan']);
  });
  it('a bare "the guideline said" and an action plan are not', () => {
    expect(documents('The guideline said fees would fall.')).toEqual([]);
    expect(documents('A three-year action plan was issued by the bureau in May.')).toEqual([]);
  });
});

describe('relations of documents and packages', () => {
  const relations = (text: string) => {
    const x = extractInvented(text, 'documents');
    const name = (id: string) => x.entities.find((e) => e.id === id)?.name ?? id;
    return x.relations.map((r) => `${name(r.source)} ${r.type} ${name(r.target)}`);
  };
  it('"a guideline … was issued by the State Council": the organ issued it', () => {
    const issued = relations('A guideline for the licensing of pet shops was issued by the State Council on May 3.');
    expect(issued.filter((r) => r.includes('ISSUED'))).toEqual([
      "State Council of the People's Republic of China ISSUED Guideline for the licensing of pet shops",
    ]);
  });
  it('"Twelve measures will be rolled out, including A and B": each listed item is part of the package', () => {
    const r = relations(
      'Twelve measures will be rolled out, including cutting queue times at border posts, and printing boat permits on the spot.',
    );
    expect(r).toContain('Cutting queue times at border posts PART_OF Twelve measures');
    expect(r).toContain('Printing boat permits on the spot PART_OF Twelve measures');
  });
  it('a list further on in the sentence ("covering matters such as") names no items of the package', () => {
    const r = relations(
      'The bureau issued 8 measures to cut red tape, covering matters such as the online renewal of boat licences and the filing of harbour permits by post.',
    );
    expect(r.filter((x) => x.includes('PART_OF'))).toEqual([]);
  });
});
