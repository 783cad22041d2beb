/** What `outcomes` knows of the text around a sentence: dates, campaign and the outcomes found before. */
import type { PartialDate } from '../../../model/dates.js';
import type { Finding } from '../../types.js';

export interface OutcomeContext {
  readonly published?: PartialDate;
  /** The last year named earlier in the same paragraph. */
  readonly paragraphYear?: number;
  /** The day of an action told earlier in the paragraph ("carried out … on the evening of July 7th"). */
  readonly paragraphDay?: string;
  /** A year-in-review published early in the next year describes that year. */
  readonly reviewYear?: number;
  /** The last period ("from January to May this year") named earlier in the document. */
  readonly period?: { readonly start?: string; readonly end?: string };
  /** The launch of the campaign the text last named: figures "as of" a date count from it. */
  readonly campaignStart?: string;
  /** Outcomes found earlier in the paragraph: what "an increase of 12% and 17% respectively" refers to. */
  readonly previous?: readonly Finding[];
  /** Outcomes of the sentence before, whatever its paragraph: the noun an elided figure counts. */
  readonly before?: readonly Finding[];
  /** A "since …" earlier in the paragraph: where figures "as of" a later date start. */
  readonly since?: { readonly start: string; readonly end?: string };
}
