/**
 * Reform shapes of guidelines and regulations (issue 15, sixth wave), each on an invented
 * sentence: a thing reformed in the passive ("restrictions on X will be lifted"), a permit
 * abolished, a counted package announced in the passive with its items, trials of a change,
 * and a platform launched.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const reforms = (text: string) =>
  extractInvented(text, 'wave6')
    .entities.filter((e) => e.kind === 'REFORM')
    .map((e) => e.name);

describe('a thing reformed, said in the passive', () => {
  it('"restrictions on X will be lifted": the subject, read back to the clause start', () => {
    expect(
      reforms('Under the notice, restrictions on boat licensing will be fully lifted for fishing villages.'),
    ).toEqual(['Lifting of restrictions on boat licensing']);
  });
  it('"X will also be reformed" after "said that"', () => {
    expect(reforms('The bureau said that inspection of pawnshops will also be reformed next spring.')).toEqual([
      'Reform of inspection of pawnshops',
    ]);
  });
  it('"improved" counts only for a policy-like thing in the future, not for progress', () => {
    expect(reforms('The parking policies for old districts will also be improved, the guideline said.')).toEqual([
      'Improvement of parking policies for old districts',
    ]);
    expect(reforms('Public order in the harbour district has improved markedly since May.')).toEqual([]);
  });
  it('a market "further opened" is a reform; a case opened is not', () => {
    expect(reforms('It added that the kiosk rental market will be further opened.')).toEqual([
      'Opening of kiosk rental market',
    ]);
    expect(reforms('Over 300 cases were opened by the county police last year.')).toEqual([]);
  });
});

describe('a permit or system done away with', () => {
  it('"scrap its X permit" is the abolition of that permit', () => {
    expect(reforms('The province plans to scrap its unpopular fishing quota permit by 2027.')).toEqual([
      'Abolition of unpopular fishing quota permit',
    ]);
  });
});

describe('a counted package announced in the passive', () => {
  it('"Twelve measures will be rolled out, including A, B and C": the package and its items, not the adjunct', () => {
    expect(
      reforms(
        'Twelve measures will be rolled out, including cutting queue times at border posts, printing boat permits on the spot, and letting drivers pay fees by phone, in the drive to modernise ports.',
      ),
    ).toEqual([
      'Twelve measures',
      'Cutting queue times at border posts',
      'Printing boat permits on the spot',
      'Letting drivers pay fees by phone',
    ]);
  });
});

describe('trials and platforms', () => {
  it('"Trials will be carried out to let X" names the trial by its purpose', () => {
    expect(reforms('Trials will be carried out to let fishermen renew boat licences by phone.')).toEqual([
      'Trials to let fishermen renew boat licences',
    ]);
  });
  it('"a X platform will be launched" is a system set up', () => {
    expect(reforms('A national pawnshop inspection platform will be launched next year.')).toEqual([
      'National pawnshop inspection platform',
    ]);
  });
});
