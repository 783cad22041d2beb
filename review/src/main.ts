/**
 * The review page: the document with every candidate highlighted by kind, the candidates and
 * their relations beside it, and the curator's actions. State lives in a Draft (model.ts);
 * each action changes it and redraws. Saving goes through the server's accept, which writes
 * nothing that does not validate, and its problems come back pinned to items and spans.
 */
import { byId, h, kindLabel, relationLabel } from '../../explorer/src/dom.js';
import type { Coverage, ExistingEntity, FieldSpec, Problem, SavedIds, SessionState } from './api.js';
import * as api from './api.js';
import { type Decision, Draft, evidenceOf, type Row, rowKey, slug } from './model.js';
import { type Mention, mentionSpan, occurrenceAt, quoteSpans, type Span } from './spans.js';
import './style.css';

interface TextSelection extends Span {
  quote: string;
}

let session: SessionState;
let draft: Draft;
let saved: SavedIds = { entities: [], extends: [], relations: [] };
let coverage: Coverage | null = null;
let generalProblems: Problem[] = [];
let current: number | null = null;
let selection: TextSelection | null = null;
let activeUncovered: number | null = null;
let statusNote = '';

const textEl = byId('text');
const listEl = byId('list');
const cardEl = byId('card');
const addEl = byId('add');
const problemsEl = byId('problems');
const coverageEl = byId('coverage');
const statusEl = byId('status');
const saveButton = byId<HTMLButtonElement>('save');

const colorOf = (kind: string | undefined) => (kind && session.colors[kind]) || '#7f7f7f';
const chip = (kind: string | undefined) =>
  h('span', { className: 'chip', style: `background:${colorOf(kind)}` }, kindLabel(kind ?? '?'));
const shorten = (s: string, max = 140) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

function showError(message: string | null): void {
  const el = byId('error');
  el.hidden = !message;
  el.textContent = message ?? '';
}

// ---------------------------------------------------------------------------------------------
// Describing a row

function kindOfRow(row: Row): string | undefined {
  if (row.section === 'entities') return String(row.item.kind);
  if (row.section === 'extends') return draft.existing[String(row.item.id)]?.kind;
  return undefined;
}

function titleOf(row: Row): string {
  if (row.section === 'entities') return String(row.item.name ?? row.item.id);
  if (row.section === 'extends') return draft.nameOf(String(row.item.id));
  const { source, type, target } = row.item;
  return `${draft.nameOf(String(source))} — ${relationLabel(String(type))} → ${draft.nameOf(String(target))}`;
}

function summaryOf(row: Row): string {
  const i = row.item;
  if (row.section === 'extends') return `links to existing ${String(i.id)}`;
  if (row.section === 'relations') {
    const extra = [i.role, i.date].filter(Boolean).join(', ');
    return `${extra ? `${extra} · ` : ''}“${shorten(evidenceOf(i)[0]?.quote ?? '', 90)}”`;
  }
  const value =
    i.value !== undefined
      ? [i.qualifier === 'EXACT' ? '' : i.qualifier, i.value, i.unit].filter(Boolean).join(' ')
      : '';
  const parts = [value, i.metric, i.year ?? i.date, i.level, i.sessionType, i.campaignType, i.position];
  return parts
    .filter((p) => p !== undefined && p !== '')
    .map(String)
    .join(' · ');
}

function badges(row: Row) {
  return [
    row.decision !== 'pending' ? h('span', { className: `badge ${row.decision}` }, row.decision) : null,
    row.edited ? h('span', { className: 'badge' }, 'edited') : null,
    draft.isSaved(row, saved) ? h('span', { className: 'badge saved' }, 'saved') : null,
  ];
}

// ---------------------------------------------------------------------------------------------
// The document text

interface Mark {
  span: Mention;
  row: Row;
}

function renderText(): void {
  const text = session.document.text;
  const marks: Mark[] = [];
  for (const row of draft.rows) {
    if (row.section === 'relations' || row.decision === 'rejected') continue;
    const span = mentionSpan(text, row, draft);
    if (span) marks.push({ span, row });
  }
  const selectedRow = current === null ? undefined : draft.get(current);
  const quotes = selectedRow ? quoteSpans(text, selectedRow).filter((s): s is Span => s !== null) : [];
  const uncovered = (coverage?.uncoveredItems ?? []).map((u) => ({ start: u.offset, end: u.offset + u.text.length }));
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
      covering.find((m) => m.row.uid === current) ??
      covering.sort((x, y) => x.span.end - x.span.start - (y.span.end - y.span.start))[0];
    // A candidate whose name is not in its quote is marked by the whole quote, more quietly.
    const quiet = mark?.span.wholeQuote === true;
    const u = uncovered.findIndex((s) => within(a, b, s));
    const classes = [
      mark ? (quiet ? 'mention-quote' : 'mention') : '',
      mark && mark.row.uid === current ? 'selected' : '',
      quotes.some((s) => within(a, b, s)) ? 'quote' : '',
      u >= 0 ? 'uncovered' : '',
      u >= 0 && u === activeUncovered ? 'active-uncovered' : '',
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
          ? () => select(mark.row.uid)
          : u >= 0
            ? () => {
                activeUncovered = u;
                render();
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
    return child ? Number(child.dataset.start) : session.document.text.length;
  }
  const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>(
    '[data-start]',
  );
  if (!el || !textEl.contains(el)) return null;
  if (node.nodeType === Node.TEXT_NODE) return Number(el.dataset.start) + offset;
  return offset === 0 ? Number(el.dataset.start) : Number(el.dataset.end);
}

function onSelectionChange(): void {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
  const range = sel.getRangeAt(0);
  let start = offsetOf(range.startContainer, range.startOffset);
  let end = offsetOf(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return;
  const text = session.document.text;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  // Focusing the form can fire selectionchange again for the same range: keep what was typed.
  if (end <= start || (selection?.start === start && selection.end === end)) return;
  selection = { start, end, quote: text.slice(start, end) };
  renderAdd();
}

// ---------------------------------------------------------------------------------------------
// Adding what the extractor missed, from the selected text

function evidenceFromSelection(): { quote: string; occurrence?: number } {
  if (!selection) throw new Error('no selection');
  const n = occurrenceAt(session.document.text, selection.quote, selection.start);
  return n > 1 ? { quote: selection.quote, occurrence: n } : { quote: selection.quote };
}

function entityOptions(selectedId?: string) {
  return draft
    .entityRows()
    .filter((r) => r.decision !== 'rejected')
    .map((r) => {
      const id = String(r.item.id);
      return h('option', { value: id, selected: id === selectedId }, `${titleOf(r)} (${id})`);
    });
}

function clearSelection(): void {
  selection = null;
  renderAdd();
}

function renderAdd(): void {
  addEl.hidden = !selection;
  if (!selection) return;
  const sel = selection;
  const kinds = Object.keys(session.kinds);
  const kindSelect = h(
    'select',
    { 'data-testid': 'add-kind', 'aria-label': 'Kind' },
    ...kinds.map((k) => h('option', { value: k }, kindLabel(k))),
  );
  const nameInput = h('input', { value: sel.quote.slice(0, 120), 'data-testid': 'add-name', 'aria-label': 'Name' });
  const idInput = h('input', { 'data-testid': 'add-id', 'aria-label': 'Id' });
  let idEdited = false;
  const suggestId = () => {
    if (!idEdited) idInput.value = `${session.kinds[kindSelect.value]?.prefix ?? 'entity'}/${slug(nameInput.value)}`;
  };
  suggestId();
  kindSelect.addEventListener('change', suggestId);
  nameInput.addEventListener('input', suggestId);
  idInput.addEventListener('input', () => {
    idEdited = true;
  });
  const typeSelect = h(
    'select',
    { 'data-testid': 'add-relation-type', 'aria-label': 'Relation type' },
    ...session.relationTypes.map((t) => h('option', { value: t.type }, relationLabel(t.type))),
  );
  const sourceSelect = h('select', { 'data-testid': 'add-source', 'aria-label': 'Source' }, ...entityOptions());
  const targetSelect = h('select', { 'data-testid': 'add-target', 'aria-label': 'Target' }, ...entityOptions());
  const selectedRow = current === null ? undefined : draft.get(current);
  addEl.replaceChildren(
    h('div', {}, h('h2', {}, 'Add from the selection')),
    h('div', { className: 'quote-text', 'data-testid': 'selection-quote' }, sel.quote),
    h('div', { className: 'meta' }, `characters ${sel.start}–${sel.end}`),
    h('h3', {}, 'New entity'),
    h(
      'div',
      { className: 'form' },
      h('label', {}, 'kind'),
      kindSelect,
      h('label', {}, 'name'),
      nameInput,
      h('label', {}, 'id'),
      idInput,
    ),
    h(
      'div',
      { className: 'actions' },
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'add-entity',
          onclick: () => {
            const row = draft.addEntity(
              kindSelect.value,
              nameInput.value.trim(),
              idInput.value.trim(),
              evidenceFromSelection(),
            );
            selection = null;
            select(row.uid);
          },
        },
        'Add entity',
      ),
    ),
    h('h3', {}, 'New relation'),
    h(
      'div',
      { className: 'form' },
      h('label', {}, 'source'),
      sourceSelect,
      h('label', {}, 'type'),
      typeSelect,
      h('label', {}, 'target'),
      targetSelect,
    ),
    h(
      'div',
      { className: 'actions' },
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'add-relation',
          onclick: () => {
            const row = draft.addRelation(
              typeSelect.value,
              sourceSelect.value,
              targetSelect.value,
              evidenceFromSelection(),
            );
            selection = null;
            select(row.uid);
          },
        },
        'Add relation',
      ),
    ),
    selectedRow
      ? h(
          'div',
          { className: 'actions' },
          h(
            'button',
            {
              type: 'button',
              'data-testid': 'add-quote',
              onclick: () => {
                draft.addEvidence(selectedRow, evidenceFromSelection());
                selection = null;
                render();
              },
            },
            `Add as a quote of “${shorten(titleOf(selectedRow), 40)}”`,
          ),
        )
      : '',
    h('div', { className: 'actions' }, h('button', { type: 'button', onclick: clearSelection }, 'Cancel')),
  );
}

// ---------------------------------------------------------------------------------------------
// The selected candidate

/** Turns what an input holds into the value a knowledge file writes, or throws a message. */
function parseField(spec: FieldSpec, raw: string): unknown {
  const v = raw.trim();
  if (v === '') return undefined;
  switch (spec.type) {
    case 'number': {
      const n = Number(v.replace(/,/g, ''));
      if (!Number.isFinite(n)) throw new Error(`${spec.key} must be a number`);
      return n;
    }
    case 'list':
      return v
        .split(/\s*;\s*/)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'object':
      try {
        return JSON.parse(v);
      } catch {
        throw new Error(`${spec.key} must be JSON, e.g. {"level": "NATIONAL"}`);
      }
    default:
      return v;
  }
}

const showField = (spec: FieldSpec, value: unknown): string =>
  value === undefined
    ? ''
    : spec.type === 'list' && Array.isArray(value)
      ? value.join('; ')
      : spec.type === 'object'
        ? JSON.stringify(value)
        : String(value);

function fieldInput(row: Row, spec: FieldSpec) {
  const value = row.item[spec.key];
  const onChange = (raw: string) => {
    try {
      draft.setField(row, spec.key, parseField(spec, raw));
      showError(null);
    } catch (err) {
      showError((err as Error).message);
    }
    render();
  };
  const testid = `field-${spec.key}`;
  if (spec.type === 'enum') {
    return h(
      'select',
      {
        'data-testid': testid,
        'aria-label': spec.key,
        onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value),
      },
      h('option', { value: '' }, '—'),
      ...(spec.options ?? []).map((o) => h('option', { value: o, selected: o === value }, o)),
    );
  }
  return h('input', {
    value: showField(spec, value),
    'data-testid': testid,
    'aria-label': spec.key,
    placeholder: spec.type === 'list' ? 'a; b; c' : spec.type === 'date' ? 'YYYY[-MM[-DD]]' : '',
    onchange: (e: Event) => onChange((e.target as HTMLInputElement).value),
  });
}

function fieldsFor(row: Row): FieldSpec[] {
  if (row.section === 'entities') {
    return [{ key: 'id', type: 'string' }, ...(session.fields[String(row.item.kind)] ?? [])];
  }
  if (row.section === 'extends') return [{ key: 'aliases', type: 'list' }];
  return [
    { key: 'role', type: 'string' },
    { key: 'date', type: 'date' },
    { key: 'note', type: 'string' },
  ];
}

function relationEditors(row: Row) {
  const set = (key: string) => (e: Event) => {
    draft.setField(row, key, (e.target as HTMLSelectElement).value);
    render();
  };
  return [
    h('label', {}, 'source'),
    h('select', { 'data-testid': 'field-source', onchange: set('source') }, ...entityOptions(String(row.item.source))),
    h('label', {}, 'type'),
    h(
      'select',
      { 'data-testid': 'field-type', onchange: set('type') },
      ...session.relationTypes.map((t) =>
        h('option', { value: t.type, selected: t.type === row.item.type }, relationLabel(t.type)),
      ),
    ),
    h('label', {}, 'target'),
    h('select', { 'data-testid': 'field-target', onchange: set('target') }, ...entityOptions(String(row.item.target))),
  ];
}

function relinkBox(row: Row) {
  const input = h('input', {
    type: 'search',
    placeholder: 'Search existing entities…',
    'data-testid': 'relink-search',
  });
  const hits = h('div', { className: 'hits', 'data-testid': 'relink-hits' });
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      try {
        const found: ExistingEntity[] = await api.searchEntities(input.value);
        hits.replaceChildren(
          ...found.map((hit) =>
            h(
              'button',
              {
                type: 'button',
                'data-testid': 'relink-hit',
                onclick: () => {
                  draft.relink(row, hit);
                  render();
                },
              },
              chip(hit.kind),
              `${hit.name} `,
              h('span', { className: 'meta' }, hit.id),
            ),
          ),
        );
      } catch (err) {
        showError((err as Error).message);
      }
    }, 150);
  });
  return [h('h3', {}, 'Link to an existing entity'), input, hits];
}

function mergeBox(row: Row) {
  const others = draft.entityRows().filter((r) => r !== row && r.decision !== 'rejected');
  if (others.length === 0) return [];
  const into = h(
    'select',
    { 'data-testid': 'merge-into', 'aria-label': 'Merge into' },
    ...others.map((r) => h('option', { value: r.uid }, `${titleOf(r)} (${String(r.item.id)})`)),
  );
  return [
    h('h3', {}, 'Merge into another candidate'),
    h(
      'div',
      { className: 'actions' },
      into,
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'merge',
          onclick: () => {
            const target = draft.get(Number(into.value));
            if (!target) return;
            draft.merge(row, target);
            select(target.uid);
          },
        },
        'Merge',
      ),
    ),
  ];
}

function renderCard(): void {
  const row = current === null ? undefined : draft.get(current);
  if (!row) {
    cardEl.replaceChildren(
      h('p', { className: 'meta' }, 'Select a candidate in the list or the text (j/k to step through).'),
    );
    return;
  }
  const text = session.document.text;
  const spans = quoteSpans(text, row);
  const decide = (d: Decision) => () => {
    draft.decide(row, d);
    render();
  };
  cardEl.replaceChildren(
    h('h2', {}, chip(kindOfRow(row) ?? 'RELATION'), titleOf(row), ...badges(row)),
    h(
      'div',
      { className: 'meta' },
      `${row.section === 'extends' ? `links to existing ${String(row.item.id)} · ` : ''}confidence ${row.note.confidence} · rule ${row.note.rule}`,
    ),
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', 'data-testid': 'accept', onclick: decide('accepted') }, 'Accept (a)'),
      h('button', { type: 'button', 'data-testid': 'reject', onclick: decide('rejected') }, 'Reject (r)'),
      h('button', { type: 'button', onclick: decide('pending') }, 'Undecide'),
    ),
    ...row.problems.map((p) =>
      h(
        'div',
        { className: 'problem', 'data-testid': 'row-problem' },
        `⚠ ${p.path}: ${p.reason}${p.line ? ` (${p.file}:${p.line})` : ''}`,
      ),
    ),
    h('h3', {}, 'Fields'),
    h(
      'div',
      { className: 'form' },
      ...(row.section === 'relations' ? relationEditors(row) : []),
      ...(row.section === 'entities' ? [h('label', {}, 'name'), fieldInput(row, { key: 'name', type: 'string' })] : []),
      ...fieldsFor(row).flatMap((spec) => [h('label', {}, spec.key), fieldInput(row, spec)]),
    ),
    h('h3', {}, 'Evidence'),
    ...evidenceOf(row.item).map((ev, i) =>
      h(
        'div',
        {},
        h(
          'div',
          { className: `quote-text${spans[i] ? '' : ' missing'}` },
          ev.quote,
          spans[i] ? null : ' — not found in the text',
        ),
        h(
          'button',
          {
            type: 'button',
            title: 'Remove this quote',
            onclick: () => {
              draft.removeEvidence(row, i);
              render();
            },
          },
          'remove quote',
        ),
      ),
    ),
    ...(row.section === 'relations' ? [] : [...relinkBox(row), ...mergeBox(row)]),
  );
}

// ---------------------------------------------------------------------------------------------
// The list, problems, coverage and status

function renderList(): void {
  const rows = draft.ordered();
  const entry = (row: Row) =>
    h(
      'button',
      {
        type: 'button',
        className: [
          'row',
          row.decision,
          row.uid === current ? 'current' : '',
          row.problems.length > 0 ? 'with-problems' : '',
        ]
          .filter(Boolean)
          .join(' '),
        'data-testid': 'candidate',
        'data-key': rowKey(row),
        'data-decision': row.decision,
        onclick: () => select(row.uid),
      },
      chip(kindOfRow(row) ?? 'RELATION'),
      titleOf(row),
      ...badges(row),
      h('span', { className: 'summary' }, summaryOf(row)),
      h('span', { className: 'summary' }, `confidence ${row.note.confidence} · ${row.note.rule}`),
    );
  const group = (title: string, section: 'entities' | 'extends' | 'relations') => {
    const items = rows.filter((r) => r.section === section);
    return items.length > 0 ? [h('h2', {}, `${title} (${items.length})`), ...items.map(entry)] : [];
  };
  listEl.replaceChildren(
    ...group('New entities', 'entities'),
    ...group('Links to existing entities', 'extends'),
    ...group('Relations', 'relations'),
  );
}

function renderProblems(): void {
  problemsEl.hidden = generalProblems.length === 0;
  problemsEl.replaceChildren(
    h('h2', {}, 'Problems'),
    ...generalProblems.map((p) =>
      h('div', { className: 'problem' }, `⚠ ${p.file}${p.line ? `:${p.line}` : ''} ${p.path}: ${p.reason}`),
    ),
  );
}

function excludeForm(text: string) {
  const reason = h('input', {
    placeholder: 'why this is not a fact (a byline, a page stamp…)',
    'data-testid': 'exclude-reason',
  });
  const button = h(
    'button',
    {
      type: 'button',
      'data-testid': 'exclude',
      onclick: async () => {
        button.disabled = true;
        try {
          const out = await api.exclude(text, reason.value);
          if (out.ok) {
            coverage = out.coverage;
            statusNote = `Excluded “${shorten(text, 40)}” in ${out.file}.`;
            generalProblems = [];
          } else {
            generalProblems = out.problems;
            statusNote = 'Exclusion refused: nothing written.';
          }
          showError(null);
        } catch (err) {
          showError((err as Error).message);
        }
        render();
      },
    },
    'Exclude',
  );
  return h('div', { className: 'exclude' }, reason, button);
}

function renderCoverage(): void {
  if (!coverage) {
    coverageEl.replaceChildren(
      h('h2', {}, 'Coverage'),
      h('p', { className: 'meta' }, 'No coverage for this document (see the terminal).'),
    );
    return;
  }
  const c = coverage;
  coverageEl.replaceChildren(
    h('h2', {}, 'Coverage'),
    h(
      'div',
      { className: 'meta', 'data-testid': 'coverage-counts' },
      `${c.items} numbers, dates and quoted names: ${c.covered} covered, ${c.excluded} excluded, ${c.uncovered} uncovered (counts what is saved)`,
    ),
    c.uncovered > 0
      ? h(
          'p',
          { className: 'meta' },
          'Cover each by saving a candidate whose quote holds it, or exclude it with a reason.',
        )
      : '',
    ...c.uncoveredItems.map((u, i) =>
      h(
        'div',
        { className: 'uncovered-item', 'data-testid': 'uncovered-item', 'data-text': u.text },
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              activeUncovered = i;
              render();
              textEl.querySelector('.active-uncovered')?.scrollIntoView({ block: 'center' });
            },
          },
          `“${shorten(u.text, 50)}”`,
        ),
        h('span', { className: 'meta' }, ` ${u.kind.toLowerCase().replace('_', ' ')}, line ${u.line}: …${u.context}…`),
        excludeForm(u.text),
      ),
    ),
    ...c.staleExclusions.map((s) =>
      h(
        'div',
        { className: 'meta' },
        `stale exclusion in ${s.file}: “${shorten(s.text, 40)}” (${s.stale.toLowerCase().replace(/_/g, ' ')})`,
      ),
    ),
  );
}

function renderStatus(): void {
  const count = (d: Decision) => draft.rows.filter((r) => r.decision === d).length;
  const parts = [
    `${draft.rows.length} candidates: ${count('accepted')} accepted, ${count('rejected')} rejected, ${count('pending')} pending`,
    coverage ? `${coverage.uncovered} uncovered` : '',
    statusNote,
  ];
  statusEl.textContent = parts.filter(Boolean).join(' · ');
}

function render(): void {
  renderText();
  renderCard();
  renderAdd();
  renderList();
  renderProblems();
  renderCoverage();
  renderStatus();
  listEl.querySelector('.row.current')?.scrollIntoView({ block: 'nearest' });
}

function select(uid: number | null): void {
  const changed = uid !== current;
  current = uid;
  render();
  // A new candidate's card starts at its top, not where the last one was scrolled to.
  if (changed) cardEl.parentElement?.scrollTo({ top: 0 });
  textEl.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
}

function step(by: number): void {
  const rows = draft.ordered();
  const at = rows.findIndex((r) => r.uid === current);
  const next = rows[Math.min(rows.length - 1, Math.max(0, at === -1 ? 0 : at + by))];
  if (next) select(next.uid);
}

// ---------------------------------------------------------------------------------------------
// Saving

async function saveDraft(): Promise<void> {
  const { file, accepted, rowAt } = draft.toFile();
  saveButton.disabled = true;
  statusNote = 'Saving…';
  renderStatus();
  try {
    const out = await api.save(file, accepted);
    for (const row of draft.rows) row.problems = [];
    generalProblems = [];
    if (out.ok) {
      saved = out.saved;
      coverage = out.coverage;
      const a = out.added;
      const updated = out.updated > 0 ? `, ${out.updated} saved before updated` : '';
      statusNote = `Saved to ${out.knowledgeFile}: ${a.entities} entities, ${a.extends} links, ${a.relations} relations added${updated}; graph-data validates`;
    } else {
      for (const p of out.problems) {
        const row = p.section && p.index !== undefined ? rowAt[p.section][p.index] : undefined;
        if (row) row.problems.push(p);
        else generalProblems.push(p);
      }
      statusNote = `Not saved: ${out.problems.length} problem${out.problems.length === 1 ? '' : 's'}; knowledge/ is unchanged (the draft is kept in ${session.candidatesFile})`;
      const first = draft.ordered().find((r) => r.problems.length > 0);
      if (first) current = first.uid;
    }
    showError(null);
  } catch (err) {
    showError((err as Error).message);
    statusNote = 'Not saved.';
  } finally {
    saveButton.disabled = false;
  }
  render();
}

// ---------------------------------------------------------------------------------------------
// Keys and start-up

function onKey(event: KeyboardEvent): void {
  if ((event.ctrlKey || event.metaKey) && event.key === 's') {
    event.preventDefault();
    void saveDraft();
    return;
  }
  const target = event.target as HTMLElement | null;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
  const row = current === null ? undefined : draft.get(current);
  switch (event.key) {
    case 'a':
    case 'r':
      if (!row) return;
      draft.decide(row, event.key === 'a' ? 'accepted' : 'rejected');
      step(1);
      render();
      break;
    case 'j':
    case 'n':
      step(1);
      break;
    case 'k':
    case 'p':
      step(-1);
      break;
    default:
      return;
  }
  event.preventDefault();
}

async function start(): Promise<void> {
  try {
    session = await api.fetchSession();
  } catch (err) {
    showError((err as Error).message);
    statusEl.textContent = 'Could not load the review.';
    return;
  }
  draft = new Draft(session.file, session.existing);
  saved = session.saved;
  coverage = session.coverage;
  byId('doc-title').textContent = `${session.document.title} (${session.document.id}) · ${session.candidatesFile}`;
  saveButton.disabled = false;
  saveButton.addEventListener('click', () => void saveDraft());
  document.addEventListener('keydown', onKey);
  document.addEventListener('selectionchange', onSelectionChange);
  current = draft.ordered()[0]?.uid ?? null;
  render();
  document.body.dataset.ready = 'true';
}

void start();
