import { dateBounds } from '../model/dates.js';
import { DatePrecisionEnum } from './enums.js';
import { PartialDateRef } from './refs.js';

PartialDateRef.implement({
  description:
    'A date at the precision the source gives: a year-only date stays a year and is never shown as January 1st.',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'ISO form at its precision: "2015", "2015-05" or "2015-05-29".' }),
    precision: t.field({ type: DatePrecisionEnum, resolve: (d) => d.precision }),
    year: t.exposeInt('year'),
    month: t.exposeInt('month', { nullable: true }),
    day: t.exposeInt('day', { nullable: true }),
    firstDay: t.string({ description: 'First ISO day the date covers.', resolve: (d) => dateBounds(d).first }),
    lastDay: t.string({ description: 'Last ISO day the date covers.', resolve: (d) => dateBounds(d).last }),
  }),
});
