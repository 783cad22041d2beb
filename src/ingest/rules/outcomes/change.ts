/**
 * Changes and baselines: "up 12% year on year", "compared with 2012", "from 87.55% in 2012 to
 * 98.62% in 2021", and which figure a change is a change of.
 */
import type { Finding } from '../../types.js';
import { MEASURE, NUM, QUAL, type Raw } from './figure.js';

export const CHANGE_WORDS =
  /\b(?:increase|increased|increases|increasing|decrease|decreased|decreases|decreasing|rise|rose|risen|rising|drop|dropped|dropping|decline|declined|declining|fell|fall|falling|growth|grew|grown|growing|up|down|higher|lower|reduction|reduced)\b/i;
export const DECREASE =
  /\b(?:decrease|decreased|decreases|decreasing|drop|dropped|dropping|decline|declined|declining|fell|fall|falling|down|lower|reduction|reduced|less|fewer)\b/i;
export const YEAR_ON_YEAR =
  /\b(?:year[- ]on[- ]year|same period (?:of |in )?(?:last|the previous|the previous) year|over the previous year)\b/i;

export const CHANGE_JUNK =
  /^(?:marking|marked|a|an|the|year-on-year|year|on|increase|increased|increasing|decrease|decreased|decreasing|rise|rose|rising|drop|dropped|dropping|decline|declined|declining|falling|growing|growth|up|down|by|of|staggering|respectively|representing|which|is|was|number|total|compared|with|and|only|just)$/i;

/** A year-on-year change is measured against the year before its period; "compared with April" names its own. */
export function changeBaselineYear(
  change: NonNullable<Raw['change']>,
  fields: Record<string, unknown>,
): string | undefined {
  if (change.baseline) return change.baseline;
  if (change.kind !== 'YEAR_ON_YEAR') return undefined;
  const y = (fields.year as string | undefined) ?? (fields.period as { end?: string } | undefined)?.end;
  return y ? String(Number(y.slice(0, 4)) - 1) : undefined;
}

const COMPARED_BEFORE = new RegExp(`\\bcompared (?:with|to)\\s+(?:${QUAL}\\s+)?$`, 'i');

/**
 * "seizing 4.95 tonnes of narcotics last year, up 43 percent compared with 3.45 tonnes in 2011":
 * the baseline measure says nothing of what it measures; it is the earlier figure's metric.
 */
export function comparedMeasures(text: string, raws: readonly Raw[]): void {
  for (const [i, r] of raws.entries()) {
    if (r.isPercent || r.metricWords.length > 0 || !MEASURE.test(r.unit)) continue;
    if (!COMPARED_BEFORE.test(text.slice(Math.max(0, r.start - 40), r.start))) continue;
    const same = raws
      .slice(0, i)
      .findLast((q) => !q.isPercent && q.unit.toLowerCase() === r.unit.toLowerCase() && q.metricWords.length > 0);
    if (!same) continue;
    r.metricWords = same.metricWords;
    if (same.verb) r.verb = same.verb;
  }
}

/**
 * Percent changes name what changed through the figures they follow: "48,000 cases … and 61,000
 * suspects …, an increase of 23.5% and 37.2% respectively" pairs in order; a single change
 * ("up by 70 percent") belongs to the figure just before it, in the sentence or the paragraph.
 */
export function linkChanges(text: string, raws: Raw[], previous: readonly Finding[]): void {
  const changes = raws.filter((r) => r.isPercent && r.change);
  if (changes.length === 0) return;
  const pool = (before: number): (Finding | Raw)[] => [
    ...previous.filter((f) => f.fields.unit !== 'percent'),
    ...raws.filter((r) => !r.isPercent && r.end <= before && (r.unitWords.length > 0 || r.scaleText !== undefined)),
  ];
  if (/\brespectively\b/i.test(text) && changes.length >= 2) {
    const targets = pool((changes[0] as Raw).start).slice(-changes.length);
    if (targets.length === changes.length) {
      for (const [i, c] of changes.entries()) c.ref = targets[i];
      return;
    }
  }
  for (const c of changes) c.ref = pool(c.start).pop();
}

export function baselineOf(
  text: string,
  figureAt: number,
  _num: string,
  isPercent: boolean,
): Record<string, unknown> | null {
  const before = text.slice(0, figureAt);
  const after = text.slice(figureAt);
  const ft = new RegExp(`from\\s+${NUM}(\\s*%)?(?:\\s+in\\s+(\\d{4}))?\\s+to\\s+$`, 'i').exec(before);
  if (ft) {
    const b: Record<string, unknown> = {
      value: Number((ft[1] ?? '').replace(/,/g, '')),
      figure: `${ft[1]}${ft[2] ? '%' : ''}`,
    };
    if (ft[3]) b.year = ft[3];
    return { baseline: b };
  }
  if (!isPercent) return null;
  const direction =
    /\b(?:drop|dropped|decrease|decreased|decline|declined|fell|fall|down|reduced|reduction)\b[^,;]*$/i.test(before)
      ? 'DECREASE'
      : /\b(?:increase|increased|rise|rose|risen|grew|grown|up)\s+(?:by|of)\s*$/i.test(before)
        ? 'INCREASE'
        : undefined;
  const year =
    /^[^,;.]*?compared with\s+((?:19|20)\d{2})/i.exec(after)?.[1] ??
    /compared with\s+((?:19|20)\d{2})\s*,\s*(?:a|an)\s+(?:decrease|increase|drop|rise)\s+of\s+$/i.exec(before)?.[1];
  if (!direction && !year) return null;
  return { ...(direction ? { direction } : {}), ...(year ? { baseline: { year } } : {}) };
}
