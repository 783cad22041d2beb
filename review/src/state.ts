/**
 * What the review page holds between redraws, in one place: the session from the server, the
 * curator's draft, and what the views show. Views change it and then call `actions.render()`;
 * main.ts fills in `actions`, so no view imports main.ts.
 */
import { byId } from '../../explorer/src/dom.js';
import type { Coverage, Problem, SavedIds, SessionState } from './api.js';
import type { Decision, Draft, Row } from './model.js';
import type { Span } from './spans.js';

export interface TextSelection extends Span {
  quote: string;
}

export const page = {
  session: undefined as unknown as SessionState,
  draft: undefined as unknown as Draft,
  saved: { entities: [], extends: [], relations: [] } as SavedIds,
  coverage: null as Coverage | null,
  /** Problems of a save or an exclusion that are not about one candidate. */
  generalProblems: [] as Problem[],
  /** The uid of the selected candidate. */
  current: null as number | null,
  /** The words selected in the text, for adding what the extractor missed. */
  selection: null as TextSelection | null,
  /** The index of the uncovered item picked in the coverage panel. */
  activeUncovered: null as number | null,
  statusNote: '',
};

export const actions = {
  render: (): void => undefined,
  select: (_uid: number | null): void => undefined,
};

export const currentRow = (): Row | undefined => (page.current === null ? undefined : page.draft.get(page.current));

/** The curator's decision on a row, from a button or a key; says what went along with it. */
export function decide(row: Row, decision: Decision): void {
  const along = page.draft.decide(row, decision);
  if (along === 0) return;
  const relations = `${along} relation${along === 1 ? '' : 's'}`;
  const name = String(row.item.name ?? row.item.id);
  page.statusNote =
    decision === 'rejected'
      ? `Rejected “${name}” and the ${relations} that need it`
      : `“${name}” no longer rejected: ${relations} restored`;
}

export function showError(message: string | null): void {
  const el = byId('error');
  el.hidden = !message;
  el.textContent = message ?? '';
}
