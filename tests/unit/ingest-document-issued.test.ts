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
