/**
 * The review page: the document with every candidate highlighted by kind, the candidates and
 * their relations beside it, and the curator's actions. State lives in a Draft (model.ts);
 * each action changes it and redraws. Saving goes through the server's accept, which writes
 * nothing that does not validate, and its problems come back pinned to items and spans.
 */
import { byId } from '../../explorer/src/dom.js';
import { renderAdd } from './add-panel.js';
import * as api from './api.js';
import { renderCard } from './card.js';
import { Draft } from './model.js';
import { renderCoverage, renderList, renderProblems, renderStatus } from './side.js';
import { actions, currentRow, decide, page, showError } from './state.js';
import './style.css';
import { onSelectionChange, renderText } from './text-view.js';

const listEl = byId('list');
const cardEl = byId('card');
const textEl = byId('text');
const statusEl = byId('status');
const saveButton = byId<HTMLButtonElement>('save');

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
  const changed = uid !== page.current;
  page.current = uid;
  render();
  // A new candidate's card starts at its top, not where the last one was scrolled to.
  if (changed) cardEl.parentElement?.scrollTo({ top: 0 });
  textEl.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
}

function step(by: number): void {
  const rows = page.draft.ordered();
  const at = rows.findIndex((r) => r.uid === page.current);
  const next = rows[Math.min(rows.length - 1, Math.max(0, at === -1 ? 0 : at + by))];
  if (next) select(next.uid);
}

// ---------------------------------------------------------------------------------------------
// Saving

async function saveDraft(): Promise<void> {
  const { file, accepted, rowAt } = page.draft.toFile();
  saveButton.disabled = true;
  page.statusNote = 'Saving…';
  renderStatus();
  try {
    const out = await api.save(file, accepted);
    for (const row of page.draft.rows) row.problems = [];
    page.generalProblems = [];
    if (out.ok) {
      page.saved = out.saved;
      page.coverage = out.coverage;
      const a = out.added;
      const updated = out.updated > 0 ? `, ${out.updated} saved before updated` : '';
      page.statusNote = `Saved to ${out.knowledgeFile}: ${a.entities} entities, ${a.extends} links, ${a.relations} relations added${updated}; graph-data validates`;
    } else {
      for (const p of out.problems) {
        const row = p.section && p.index !== undefined ? rowAt[p.section][p.index] : undefined;
        if (row) row.problems.push(p);
        else page.generalProblems.push(p);
      }
      page.statusNote = `Not saved: ${out.problems.length} problem${out.problems.length === 1 ? '' : 's'}; knowledge/ is unchanged (the draft is kept in ${page.session.candidatesFile})`;
      const first = page.draft.ordered().find((r) => r.problems.length > 0);
      if (first) page.current = first.uid;
    }
    showError(null);
  } catch (err) {
    showError((err as Error).message);
    page.statusNote = 'Not saved.';
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
  const row = currentRow();
  switch (event.key) {
    case 'a':
    case 'r':
      if (!row) return;
      decide(row, event.key === 'a' ? 'accepted' : 'rejected');
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
  actions.render = render;
  actions.select = select;
  try {
    page.session = await api.fetchSession();
  } catch (err) {
    showError((err as Error).message);
    statusEl.textContent = 'Could not load the review.';
    return;
  }
  page.draft = new Draft(page.session.file, page.session.existing);
  page.saved = page.session.saved;
  page.coverage = page.session.coverage;
  byId('doc-title').textContent =
    `${page.session.document.title} (${page.session.document.id}) · ${page.session.candidatesFile}`;
  saveButton.disabled = false;
  saveButton.addEventListener('click', () => void saveDraft());
  document.addEventListener('keydown', onKey);
  document.addEventListener('selectionchange', onSelectionChange);
  page.current = page.draft.ordered()[0]?.uid ?? null;
  render();
  document.body.dataset.ready = 'true';
}

void start();
