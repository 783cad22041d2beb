/** Plain-text rendering of a coverage report, for a terminal or a CI log. */
import type { CoverageCounts, CoverageReport, DocumentCoverage, StaleExclusion, UncoveredItem } from './coverage.js';

const HEADERS = ['document', 'items', 'covered', 'excluded', 'uncovered', '% covered'] as const;

/** Long quoted passages would swamp the listing; the offset and context locate them anyway. */
const MAX_SHOWN = 60;

export function formatCoverage(report: CoverageReport): string {
  const sections = [table(report)];
  const uncovered = report.documents.flatMap((d) => d.uncoveredItems.map((item) => uncoveredLine(d.document, item)));
  if (uncovered.length > 0) sections.push(['Uncovered items:', ...uncovered].join('\n'));
  const stale = report.documents.flatMap((d) => d.staleExclusions.map((s) => staleLine(d.document, s)));
  if (stale.length > 0) sections.push(['Stale exclusions:', ...stale].join('\n'));
  if (report.unlinkedListItems.length > 0) {
    sections.push(
      [
        'Listed items not linked to their whole (warnings; link them or leave them knowingly):',
        ...report.unlinkedListItems.map(
          (u) =>
            `${u.document}@${u.offset}  ${u.item} is listed after "${u.cue}" but not linked to ${u.wholes.join(', ')}`,
        ),
      ].join('\n'),
    );
  }
  return `${sections.join('\n\n')}\n`;
}

function table(report: CoverageReport): string {
  const rows: string[][] = [
    [...HEADERS],
    ...report.documents.map((d: DocumentCoverage) => row(d.document, d)),
    row('TOTAL', report.totals),
  ];
  const widths = HEADERS.map((_h, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  // The name column reads best left-aligned, the figures right-aligned so digits line up.
  const render = (r: readonly string[]) =>
    r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [header, ...body] = rows.map(render);
  const total = body.pop() ?? '';
  return [header, rule, ...body, rule, total].join('\n');
}

function row(name: string, c: CoverageCounts): string[] {
  return [name, c.items, c.covered, c.excluded, c.uncovered].map(String).concat(c.percentCovered.toFixed(1));
}

function uncoveredLine(document: string, item: UncoveredItem): string {
  return `${document}:${item.line}  "${shorten(item.text)}"  …${item.context}…`;
}

function staleLine(document: string, s: StaleExclusion): string {
  const why = {
    NOT_IN_DOCUMENT: 'does not occur in the document',
    ALREADY_COVERED: 'is already covered by evidence',
    EXCLUDES_NO_ITEM: 'contains no number, date or quoted name',
  }[s.stale];
  return `${s.file}  "${shorten(s.text)}"  ${why} (${document})`;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= MAX_SHOWN ? flat : `${flat.slice(0, MAX_SHOWN - 1)}…`;
}

/**
 * What is left to do for one document after its candidates were accepted: each uncovered item
 * with its line, and a ready-to-edit exclusion entry for the ones that are not facts.
 */
export function formatDocumentFollowUp(d: DocumentCoverage): string {
  if (d.uncovered === 0 && d.staleExclusions.length === 0) {
    return `coverage of ${d.document}: all ${d.items} numbers, dates and quoted names are covered or excluded`;
  }
  const lines = [
    `coverage of ${d.document}: ${d.uncovered} of ${d.items} numbers, dates and quoted names are not covered yet:`,
    ...d.uncoveredItems.map((item) => `  ${uncoveredLine(d.document, item)}`),
  ];
  if (d.uncovered > 0) {
    lines.push(
      'Cover each with an evidence quote (add it to the candidates and accept again, or edit',
      `knowledge/${d.document}.yaml), or, if it is not a fact (a page stamp, a byline), exclude it`,
      `with a reason in coverage-exclusions/${d.document}.yaml:`,
      `  document: ${d.document}`,
      '  exclusions:',
      // One entry excludes every occurrence of its text, so each text is listed once.
      ...[...new Set(d.uncoveredItems.map((item) => item.text))].map(
        (text) => `    - text: ${JSON.stringify(text)}\n      reason: …`,
      ),
    );
  }
  if (d.staleExclusions.length > 0) lines.push(...d.staleExclusions.map((s) => `  stale: ${staleLine(d.document, s)}`));
  return lines.join('\n');
}
