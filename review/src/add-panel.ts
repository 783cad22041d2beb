/** Adding what the extractor missed: an entity, a relation or a quote, from the words selected in the text. */
import { byId, h, kindLabel, relationLabel } from '../../explorer/src/dom.js';
import { shorten, titleOf } from './describe.js';
import { slug } from './model.js';
import { occurrenceAt } from './spans.js';
import { actions, currentRow, page } from './state.js';

const addEl = byId('add');

function evidenceFromSelection(): { quote: string; occurrence?: number } {
  if (!page.selection) throw new Error('no selection');
  const n = occurrenceAt(page.session.document.text, page.selection.quote, page.selection.start);
  return n > 1 ? { quote: page.selection.quote, occurrence: n } : { quote: page.selection.quote };
}

export function entityOptions(selectedId?: string) {
  return page.draft
    .entityRows()
    .filter((r) => r.decision !== 'rejected')
    .map((r) => {
      const id = String(r.item.id);
      return h('option', { value: id, selected: id === selectedId }, `${titleOf(r)} (${id})`);
    });
}

function clearSelection(): void {
  page.selection = null;
  renderAdd();
}

export function renderAdd(): void {
  addEl.hidden = !page.selection;
  if (!page.selection) return;
  const sel = page.selection;
  const kinds = Object.keys(page.session.kinds);
  const kindSelect = h(
    'select',
    { 'data-testid': 'add-kind', 'aria-label': 'Kind' },
    ...kinds.map((k) => h('option', { value: k }, kindLabel(k))),
  );
  const nameInput = h('input', { value: sel.quote.slice(0, 120), 'data-testid': 'add-name', 'aria-label': 'Name' });
  const idInput = h('input', { 'data-testid': 'add-id', 'aria-label': 'Id' });
  let idEdited = false;
  const suggestId = () => {
    if (!idEdited)
      idInput.value = `${page.session.kinds[kindSelect.value]?.prefix ?? 'entity'}/${slug(nameInput.value)}`;
  };
  // Two rows with one id cannot both be saved, so an id already in the draft turns "add" into
  // "add the selection as a quote of that row", which is what the curator meant.
  const addEntityButton = h('button', { type: 'button', 'data-testid': 'add-entity' }, 'Add entity');
  const takenBy = () => page.draft.entityRows().find((r) => String(r.item.id) === idInput.value.trim());
  const showTaken = () => {
    const row = takenBy();
    addEntityButton.textContent = row ? `Id taken: add as a quote of “${shorten(titleOf(row), 40)}”` : 'Add entity';
  };
  addEntityButton.addEventListener('click', () => {
    const evidence = evidenceFromSelection();
    const existing = takenBy();
    const row =
      existing ?? page.draft.addEntity(kindSelect.value, nameInput.value.trim(), idInput.value.trim(), evidence);
    if (existing) page.draft.addEvidence(existing, evidence);
    page.selection = null;
    actions.select(row.uid);
  });
  const idChanged = () => {
    suggestId();
    showTaken();
  };
  idChanged();
  kindSelect.addEventListener('change', idChanged);
  nameInput.addEventListener('input', idChanged);
  idInput.addEventListener('input', () => {
    idEdited = true;
    showTaken();
  });
  const typeSelect = h(
    'select',
    { 'data-testid': 'add-relation-type', 'aria-label': 'Relation type' },
    ...page.session.relationTypes.map((t) => h('option', { value: t.type }, relationLabel(t.type))),
  );
  const sourceSelect = h('select', { 'data-testid': 'add-source', 'aria-label': 'Source' }, ...entityOptions());
  const targetSelect = h('select', { 'data-testid': 'add-target', 'aria-label': 'Target' }, ...entityOptions());
  const selectedRow = currentRow();
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
    h('div', { className: 'actions' }, addEntityButton),
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
            const row = page.draft.addRelation(
              typeSelect.value,
              sourceSelect.value,
              targetSelect.value,
              evidenceFromSelection(),
            );
            page.selection = null;
            actions.select(row.uid);
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
                page.draft.addEvidence(selectedRow, evidenceFromSelection());
                page.selection = null;
                actions.render();
              },
            },
            `Add as a quote of “${shorten(titleOf(selectedRow), 40)}”`,
          ),
        )
      : '',
    h('div', { className: 'actions' }, h('button', { type: 'button', onclick: clearSelection }, 'Cancel')),
  );
}
