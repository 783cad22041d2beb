/** The candidate list, problems that belong to no candidate, coverage with its exclusions, and the status line. */
import { byId, h } from '../../explorer/src/dom.js';
import * as api from './api.js';
import { badges, chip, kindOfRow, shorten, summaryOf, titleOf } from './describe.js';
import { type Decision, type Row, rowKey } from './model.js';
import { actions, page, showError } from './state.js';

const listEl = byId('list');
const problemsEl = byId('problems');
const coverageEl = byId('coverage');
const statusEl = byId('status');
const textEl = byId('text');

export function renderList(): void {
  const rows = page.draft.ordered();
  const entry = (row: Row) =>
    h(
      'button',
      {
        type: 'button',
        className: [
          'row',
          row.decision,
          row.uid === page.current ? 'current' : '',
          row.problems.length > 0 ? 'with-problems' : '',
        ]
          .filter(Boolean)
          .join(' '),
        'data-testid': 'candidate',
        'data-key': rowKey(row),
        'data-decision': row.decision,
        onclick: () => actions.select(row.uid),
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

export function renderProblems(): void {
  problemsEl.hidden = page.generalProblems.length === 0;
  problemsEl.replaceChildren(
    h('h2', {}, 'Problems'),
    ...page.generalProblems.map((p) =>
      h('div', { className: 'problem' }, `⚠ ${p.file}${p.line ? `:${p.line}` : ''} ${p.path}: ${p.reason}`),
    ),
  );
}

function excludeForm(text: string, context: string) {
  // The passage to exclude starts as the item itself; the curator may widen it to the words
  // around it ("Jan. 21, 2021", a copyright line) so that a bare "2021" is not excluded everywhere.
  const passage = h('input', {
    value: text,
    title: `a passage of the text around “${text}”: …${context}…`,
    'data-testid': 'exclude-text',
    'aria-label': 'Passage to exclude',
  });
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
          const excluded = passage.value.trim() || text;
          const out = await api.exclude(excluded, reason.value);
          if (out.ok) {
            page.coverage = out.coverage;
            page.statusNote = `Excluded “${shorten(excluded, 40)}” in ${out.file}.`;
            page.generalProblems = [];
          } else {
            page.generalProblems = out.problems;
            page.statusNote = 'Exclusion refused: nothing written.';
          }
          showError(null);
        } catch (err) {
          showError((err as Error).message);
        }
        actions.render();
      },
    },
    'Exclude',
  );
  return h('div', { className: 'exclude' }, passage, reason, button);
}

export function renderCoverage(): void {
  if (!page.coverage) {
    coverageEl.replaceChildren(
      h('h2', {}, 'Coverage'),
      h('p', { className: 'meta' }, 'No coverage for this document (see the terminal).'),
    );
    return;
  }
  const c = page.coverage;
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
              page.activeUncovered = i;
              actions.render();
              textEl.querySelector('.active-uncovered')?.scrollIntoView({ block: 'center' });
            },
          },
          `“${shorten(u.text, 50)}”`,
        ),
        h('span', { className: 'meta' }, ` ${u.kind.toLowerCase().replace('_', ' ')}, line ${u.line}: …${u.context}…`),
        excludeForm(u.text, u.context),
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

export function renderStatus(): void {
  const count = (d: Decision) => page.draft.rows.filter((r) => r.decision === d).length;
  const parts = [
    `${page.draft.rows.length} candidates: ${count('accepted')} accepted, ${count('rejected')} rejected, ${count('pending')} pending`,
    page.coverage ? `${page.coverage.uncovered} uncovered` : '',
    page.statusNote,
  ];
  statusEl.textContent = parts.filter(Boolean).join(' · ');
}
