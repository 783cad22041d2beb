/** The document pane: every candidate's mention in its kind's colour, quotes, uncovered items, and the text selection. */
import { byId, h, kindLabel } from '../../explorer/src/dom.js';
import { renderAdd } from './add-panel.js';
import { colorOf, kindOfRow, titleOf } from './describe.js';
import { type Row, rowKey } from './model.js';
import { type Mention, mentionSpan, quoteSpans, type Span } from './spans.js';
import { actions, currentRow, page } from './state.js';

const textEl = byId('text');

interface Mark {
  span: Mention;
  row: Row;
}

export function renderText(): void {
  const text = page.session.document.text;
  const marks: Mark[] = [];
  for (const row of page.draft.rows) {
    if (row.section === 'relations' || row.decision === 'rejected') continue;
    const span = mentionSpan(text, row, page.draft);
    if (span) marks.push({ span, row });
  }
  const selectedRow = currentRow();
  const quotes = selectedRow ? quoteSpans(text, selectedRow).filter((s): s is Span => s !== null) : [];
  const uncovered = (page.coverage?.uncoveredItems ?? []).map((u) => ({
    start: u.offset,
    end: u.offset + u.text.length,
  }));
  const cuts = new Set([0, text.length]);
  for (const s of [...marks.map((m) => m.span), ...quotes, ...uncovered]) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const within = (a: number, b: number, s: Span) => s.start <= a && b <= s.end;
  const pieces: HTMLElement[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const covering = marks.filter((m) => within(a, b, m.span));
    // The selected candidate's own mention wins; otherwise the tightest one.
    const mark =
      covering.find((m) => m.row.uid === page.current) ??
      covering.sort((x, y) => x.span.end - x.span.start - (y.span.end - y.span.start))[0];
    // A candidate whose name is not in its quote is marked by the whole quote, more quietly.
    const quiet = mark?.span.wholeQuote === true;
    const u = uncovered.findIndex((s) => within(a, b, s));
    const classes = [
      mark ? (quiet ? 'mention-quote' : 'mention') : '',
      mark && mark.row.uid === page.current ? 'selected' : '',
      quotes.some((s) => within(a, b, s)) ? 'quote' : '',
      u >= 0 ? 'uncovered' : '',
      u >= 0 && u === page.activeUncovered ? 'active-uncovered' : '',
      mark && mark.span.end === b && mark.row.problems.length > 0 ? 'has-problem' : '',
    ].filter(Boolean);
    const kind = mark ? kindOfRow(mark.row) : undefined;
    const color = colorOf(kind);
    const piece = h(
      'span',
      {
        'data-start': a,
        'data-end': b,
        className: classes.join(' '),
        style: mark
          ? quiet
            ? `text-decoration-color:${color}`
            : `background:${color}33;border-bottom:2px solid ${color}`
          : null,
        title: mark
          ? [`${kindLabel(kind ?? '?')}: ${titleOf(mark.row)}`, ...mark.row.problems.map((p) => `⚠ ${p.reason}`)].join(
              '\n',
            )
          : u >= 0
            ? 'Not covered by any quote: add it to a candidate’s evidence, or exclude it in the coverage panel'
            : null,
        'data-testid': mark ? 'mention' : u >= 0 ? 'uncovered-span' : null,
        'data-key': mark ? rowKey(mark.row) : null,
        onclick: mark
          ? () => actions.select(mark.row.uid)
          : u >= 0
            ? () => {
                page.activeUncovered = u;
                actions.render();
              }
            : null,
      },
      text.slice(a, b),
    );
    pieces.push(piece);
  }
  textEl.replaceChildren(...pieces);
}

/** Offsets in the document of a DOM position inside the text pane, or null outside it. */
function offsetOf(node: Node, offset: number): number | null {
  if (node === textEl) {
    const child = textEl.childNodes[offset] as HTMLElement | undefined;
    return child ? Number(child.dataset.start) : page.session.document.text.length;
  }
  const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>(
    '[data-start]',
  );
  if (!el || !textEl.contains(el)) return null;
  if (node.nodeType === Node.TEXT_NODE) return Number(el.dataset.start) + offset;
  return offset === 0 ? Number(el.dataset.start) : Number(el.dataset.end);
}

export function onSelectionChange(): void {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
  const range = sel.getRangeAt(0);
  let start = offsetOf(range.startContainer, range.startOffset);
  let end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return;
  const text = page.session.document.text;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  // Focusing the form can fire selectionchange again for the same range: keep what was typed.
  if (end <= start || (page.selection?.start === start && page.selection.end === end)) return;
  page.selection = { start, end, quote: text.slice(start, end) };
  renderAdd();
}
