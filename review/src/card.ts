/** The selected candidate: its decision, problems, fields, quotes, and re-linking or merging it. */
import { byId, h, relationLabel } from '../../explorer/src/dom.js';
import { entityOptions } from './add-panel.js';
import type { ExistingEntity, FieldSpec } from './api.js';
import * as api from './api.js';
import { badges, chip, kindOfRow, titleOf } from './describe.js';
import { type Decision, evidenceOf, type Row } from './model.js';
import { quoteSpans } from './spans.js';
import { actions, currentRow, decide, page, showError } from './state.js';

const cardEl = byId('card');

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
      page.draft.setField(row, spec.key, parseField(spec, raw));
      showError(null);
    } catch (err) {
      showError((err as Error).message);
    }
    actions.render();
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
    return [{ key: 'id', type: 'string' }, ...(page.session.fields[String(row.item.kind)] ?? [])];
  }
  if (row.section === 'extends') return [{ key: 'aliases', type: 'list' }];
  return [
    { key: 'assertion', type: 'enum', options: page.session.assertions.map((a) => a.name) },
    { key: 'role', type: 'string' },
    { key: 'date', type: 'date' },
    { key: 'note', type: 'string' },
  ];
}

function relationEditors(row: Row) {
  const set = (key: string) => (e: Event) => {
    page.draft.setField(row, key, (e.target as HTMLSelectElement).value);
    actions.render();
  };
  return [
    h('label', {}, 'source'),
    h('select', { 'data-testid': 'field-source', onchange: set('source') }, ...entityOptions(String(row.item.source))),
    h('label', {}, 'type'),
    h(
      'select',
      { 'data-testid': 'field-type', onchange: set('type') },
      ...page.session.relationTypes.map((t) =>
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
                  page.draft.relink(row, hit);
                  actions.render();
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
  const others = page.draft.entityRows().filter((r) => r !== row && r.decision !== 'rejected');
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
            const target = page.draft.get(Number(into.value));
            if (!target) return;
            page.draft.merge(row, target);
            actions.select(target.uid);
          },
        },
        'Merge',
      ),
    ),
  ];
}

export function renderCard(): void {
  const row = currentRow();
  if (!row) {
    cardEl.replaceChildren(
      h('p', { className: 'meta' }, 'Select a candidate in the list or the text (j/k to step through).'),
    );
    return;
  }
  const text = page.session.document.text;
  const spans = quoteSpans(text, row);
  const decideAs = (d: Decision) => () => {
    decide(row, d);
    actions.render();
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
      h('button', { type: 'button', 'data-testid': 'accept', onclick: decideAs('accepted') }, 'Accept (a)'),
      h('button', { type: 'button', 'data-testid': 'reject', onclick: decideAs('rejected') }, 'Reject (r)'),
      h('button', { type: 'button', 'data-testid': 'undecide', onclick: decideAs('pending') }, 'Undecide'),
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
              page.draft.removeEvidence(row, i);
              actions.render();
            },
          },
          'remove quote',
        ),
      ),
    ),
    ...(row.section === 'relations' ? [] : [...relinkBox(row), ...mergeBox(row)]),
  );
}
