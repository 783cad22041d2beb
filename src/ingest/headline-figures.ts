/**
 * A headline rounds what its body states ("Police nab over 4,000 suspects" above "… led to the
 * capture of 4,385 suspects"): one result, not two. The rounded figure joins the body's figure of
 * the same unit that its qualifier allows, the closest one.
 */
import type { Analysed } from './analyse.js';
import type { Finding } from './types.js';

/** A headline is the first sentence or an unpunctuated line of the first paragraph. */
function inHeadline(doc: Analysed, f: Finding): boolean {
  const s = doc.sentences[f.sentence];
  if (!s) return false;
  return s.index === 0 || (s.paragraph === 0 && !/[.!?;:"”’)]\s*$/.test(doc.text.slice(s.start, s.end)));
}

/** "2,500", "4,000", "140,000": two significant digits at most. */
const rounded = (v: number): boolean => Number.isInteger(v) && v >= 100 && String(v).replace(/0+$/, '').length <= 2;

/** Whether a body figure `b` is what a headline's rounded `v` with its qualifier stands for. */
function covers(v: number, qualifier: unknown, b: number): boolean {
  if (b === v) return false;
  if (qualifier === 'MORE_THAN' || qualifier === 'AT_LEAST') return b > v && b <= v * 1.2;
  if (qualifier === 'NEARLY' || qualifier === 'LESS_THAN') return b < v && b >= v * 0.85;
  return Math.abs(b - v) <= v * 0.1;
}

/** Keys of headline outcome groups to the keys of the body groups they round. */
export function roundedHeadlines(doc: Analysed, groups: ReadonlyMap<string, readonly Finding[]>): Map<string, string> {
  const into = new Map<string, string>();
  const counts = [...groups].filter(([, g]) => g[0]?.kind === 'OUTCOME' && g[0].fields.unit !== 'percent');
  const body = counts.filter(([, g]) => !g.every((f) => inHeadline(doc, f)));
  for (const [key, group] of counts) {
    const h = group[0] as Finding;
    const v = Number(h.fields.value);
    if (!rounded(v) || !group.every((f) => inHeadline(doc, f))) continue;
    const best = body
      .filter(
        ([, g]) => g[0]?.fields.unit === h.fields.unit && covers(v, h.fields.qualifier, Number(g[0]?.fields.value)),
      )
      .sort(([, a], [, b]) => Math.abs(Number(a[0]?.fields.value) - v) - Math.abs(Number(b[0]?.fields.value) - v))[0];
    if (best) into.set(key, best[0]);
  }
  return into;
}
