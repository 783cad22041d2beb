/**
 * Reform shapes of the genre (issue 15 item 3, seventh wave), written down from the annotation
 * conventions ("named reforms, 'reform of X', measure packages and their listed items"; measures
 * announced by an official; mechanisms and systems being built) and ordinary news grammar, each
 * checked on an invented sentence. The first block held before this wave; the second block
 * failed before it and names the rule that fixed it.
 */
import { describe, expect, it } from 'vitest';
import { extractInvented } from '../helpers/ingest.js';

const reformEntities = (text: string) => extractInvented(text, 'shapes-w7').entities.filter((e) => e.kind === 'REFORM');
const reforms = (text: string) => reformEntities(text).map((e) => e.name);

describe('reform shapes that held before wave 7', () => {
  it('"the reform of the X system"', () => {
    expect(
      reforms('The province pressed ahead with the reform of the household registration system last year.'),
    ).toEqual(['Reform of the household registration system']);
  });
  it('"the hukou reform": a reform named by the words before it', () => {
    expect(reforms('Officials said the hukou reform would let more migrant workers settle in towns.')).toEqual([
      'Hukou reform',
    ]);
  });
  it('"X system reform"', () => {
    expect(reforms('The city began a traffic management system reform in March.')).toEqual([
      'Traffic management system reform',
    ]);
  });
  it('"reform of police stations": a plural object without an article', () => {
    expect(reforms('The bureau completed the reform of police stations in rural counties.')).toEqual([
      'Reform of police stations',
    ]);
  });
  it('"the comprehensive deepening of public security reform" is proposed over the reform\'s words', () => {
    const text = 'The meeting called for the comprehensive deepening of public security reform.';
    const spans = reformEntities(text).map((e) => text.slice(e.mention.start, e.mention.end));
    expect(spans).toContain('public security reform');
  });
  it('"N measures to <verb> X": the package by its purpose', () => {
    expect(reforms('The ministry announced 20 measures to facilitate vehicle registration.')).toEqual([
      'Measures to facilitate vehicle registration',
    ]);
  });
  it('"abolish the temporary residence permit"', () => {
    expect(reforms('The province will abolish the temporary residence permit from next month.')).toEqual([
      'Abolition of temporary residence permit',
    ]);
  });
  it('"introduce electronic driving licences"', () => {
    expect(reforms('The ministry will introduce electronic driving licences in 28 cities this year.')).toEqual([
      'Electronic driving licences',
    ]);
  });
  it('"relax the restrictions on settling in cities"', () => {
    expect(reforms('Large cities will relax the restrictions on settling in cities for college graduates.')).toEqual([
      'Relaxation of the restrictions on settling in cities',
    ]);
  });
  it('"deepen reform" with no object, or "the reform" alone, is not a reform', () => {
    expect(reforms('Officials urged the whole force to deepen reform in an all-round way.')).toEqual([]);
    expect(reforms('The reform, which began last year, has cut waiting times.')).toEqual([]);
  });
});

describe('reform shapes fixed in wave 7', () => {
  it('"the reform to <verb> X and <verb> Y": a reform named by its purpose, coordinated verbs kept', () => {
    expect(
      reforms('The ministry will press on with the reform to streamline administration and delegate power.'),
    ).toEqual(['Reform to streamline administration and delegate power']);
  });
  it('"reforms to the X system": "to" before a noun object reads like "of"', () => {
    expect(reforms('The ministry unveiled reforms to the vehicle inspection system on Monday.')).toEqual([
      'Reforms to the vehicle inspection system',
    ]);
  });
  it('a verb before "reforms" is not part of its name ("the ministry unveiled reforms")', () => {
    expect(reforms('Last spring the ministry unveiled reforms that cut queues.')).toEqual([]);
  });
  it('"reform the X system" / "reforming the X system": the verb names a reform of its object', () => {
    expect(reforms('The government decided to reform the household registration system in small towns.')).toEqual([
      'Reform of the household registration system',
    ]);
    expect(reforms('Reforming the boat licensing system remains a priority for the ministry.')).toEqual([
      'Reform of the boat licensing system',
    ]);
  });
  it('"X standardisation": a reform named by the words before the process noun', () => {
    expect(reforms('Police chiefs were told to promote law enforcement standardisation at every level.')).toEqual([
      'Law enforcement standardisation',
    ]);
  });
  it('"a pilot programme of X in five cities": a counted place is not part of the pilot', () => {
    expect(
      reforms('The ministry launched a pilot programme of online vehicle inspection bookings in five cities.'),
    ).toEqual(['Pilot programme of online vehicle inspection bookings']);
  });
  it('"the measures include: (1) A; (2) B; (3) C": each numbered item is a measure', () => {
    expect(
      reforms(
        'The measures include: (1) issuing passports within five working days; (2) allowing online renewal of boat permits; (3) scrapping the fee for replacement ID cards.',
      ),
    ).toEqual(
      expect.arrayContaining([
        'Issuing passports within five working days',
        'Allowing online renewal of boat permits',
        'Scrapping the fee for replacement ID cards',
      ]),
    );
  });
  it('"allow cross-provincial applications for ID cards": a service made cross-provincial', () => {
    expect(reforms('The ministry will allow cross-provincial applications for ID cards from June.')).toEqual([
      'Cross-provincial applications for ID cards',
    ]);
  });
  it('"unified registration of urban and rural residents": a service unified', () => {
    expect(reforms('The plan calls for unified registration of urban and rural residents.')).toEqual([
      'Unified registration of urban and rural residents',
    ]);
  });
  it('"the reform of delegating power, streamlining administration and optimising services": coordinated gerunds', () => {
    expect(
      reforms(
        'The bureau pressed on with the reform of delegating power, streamlining administration and optimising services.',
      ),
    ).toEqual(['Reform of delegating power, streamlining administration and optimising services']);
    expect(
      reforms(
        'The county deepened the reform of cutting red tape, combining permit approval with tighter oversight, and improving services.',
      ),
    ).toEqual(['Reform of cutting red tape, combining permit approval with tighter oversight, and improving services']);
  });
  it('"piloted three of the measures": a count or a pronoun is not what was piloted', () => {
    expect(reforms('The city piloted three of the measures last year.')).toEqual([]);
    expect(reforms('Two districts piloted it before the launch.')).toEqual([]);
  });
  it('a quoted policy, service or initiative is a reform like a quoted system', () => {
    expect(reforms('The bureau rolled out the “online first” policy for vehicle owners.')).toEqual([
      '“online first” policy',
    ]);
  });
  it('"N new measures …" then "First, A. Second, B.": each ordinal item is a measure, numbered items replace their parts', () => {
    const names = reforms(
      'The administration announced five new measures to ease travel for foreign visitors.\n\nFirst, foreign visitors may apply for port visas at 12 more airports. Second, the fee for group visas will be halved. Third, cruise passengers can stay for up to 15 days without a visa.',
    );
    expect(names).toEqual([
      'Measures to ease travel',
      'Foreign visitors may apply for port visas at 12 more airports',
      'Fee for group visas will be halved',
      'Cruise passengers can stay for up to 15 days without a visa',
    ]);
    expect(
      reforms(
        'The measures include: (1) allowing online renewal of boat permits; (2) scrapping the fee for replacement ID cards.',
      ),
    ).toEqual(['Allowing online renewal of boat permits', 'Scrapping the fee for replacement ID cards']);
  });
  it('ordinal sentences with no measures announced before them are not measures', () => {
    expect(
      reforms(
        'The ministry reported that thefts fell sharply.\n\nFirst, the police solved 300 cases. Second, 20 gangs were smashed.',
      ),
    ).toEqual([]);
    expect(
      reforms(
        'Police took a series of measures.\n\nFirst, officers raided gambling dens across the city. Second, patrols were stepped up.',
      ),
    ).toEqual([]);
  });
  it('"the abolition/cancellation of X" as a noun is the reform that "abolish X" names', () => {
    expect(reforms('The abolition of the temporary residence permit was welcomed by migrant workers.')).toEqual([
      'Abolition of the temporary residence permit',
    ]);
    expect(reforms('The cancellation of the fee for boat licences saves owners money.')).toEqual([
      'Cancellation of the fee for boat licences',
    ]);
    // A bare head refers back to a thing named before: not a second reform.
    expect(reforms('The abolition of the permit is part of a wider plan.')).toEqual([]);
  });
  it('"changes being made to the X system", "a revamp of the X system": a reform of that system', () => {
    expect(reforms('The move is part of changes being made to the boat licensing system.')).toEqual([
      'Reform of the boat licensing system',
    ]);
    expect(reforms('The ministry announced a revamp of the vehicle inspection system.')).toEqual([
      'Revamp of the vehicle inspection system',
    ]);
  });
});
