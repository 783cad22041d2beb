/** How a candidate is named and summed up in the list, the card and the text. */
import { h, kindLabel, relationLabel } from '../../explorer/src/dom.js';
import { evidenceOf, type Row } from './model.js';
import { page } from './state.js';

export const colorOf = (kind: string | undefined) => (kind && page.session.colors[kind]) || '#7f7f7f';
export const chip = (kind: string | undefined) =>
  h('span', { className: 'chip', style: `background:${colorOf(kind)}` }, kindLabel(kind ?? '?'));
export const shorten = (s: string, max = 140) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

export function kindOfRow(row: Row): string | undefined {
  if (row.section === 'entities') return String(row.item.kind);
  if (row.section === 'extends') return page.draft.existing[String(row.item.id)]?.kind;
  return undefined;
}

export function titleOf(row: Row): string {
  if (row.section === 'entities') return String(row.item.name ?? row.item.id);
  if (row.section === 'extends') return page.draft.nameOf(String(row.item.id));
  const { source, type, target } = row.item;
  return `${page.draft.nameOf(String(source))} — ${relationLabel(String(type))} → ${page.draft.nameOf(String(target))}`;
}

export function summaryOf(row: Row): string {
  const i = row.item;
  if (row.section === 'extends') return `links to existing ${String(i.id)}`;
  if (row.section === 'relations') {
    const extra = [i.assertion, i.role, i.date].filter(Boolean).join(', ');
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

export function badges(row: Row) {
  const along = page.draft.rejectedAlong(row).length;
  const withEntity = row.rejectedWith && page.draft.get(row.rejectedWith.uid);
  return [
    row.decision !== 'pending' ? h('span', { className: `badge ${row.decision}` }, row.decision) : null,
    // Relations rejected because an entity they need was, and on that entity how many went along.
    withEntity
      ? h('span', { className: 'badge', 'data-testid': 'rejected-with' }, `with ${titleOf(withEntity)}`)
      : null,
    along > 0
      ? h(
          'span',
          { className: 'badge rejected', 'data-testid': 'rejected-along' },
          `+${along} relation${along === 1 ? '' : 's'}`,
        )
      : null,
    row.edited ? h('span', { className: 'badge' }, 'edited') : null,
    page.draft.isSaved(row, page.saved) ? h('span', { className: 'badge saved' }, 'saved') : null,
  ];
}
