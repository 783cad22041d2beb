/** The side panel: what the selected entity is, when, what it achieved, and the quotes that say so. */
import type { DateText, EntityDetails, Evidence, PathResult } from './api';
import { h, kindLabel, relationLabel } from './dom';

export interface PanelActions {
  expand(id: string): void;
  centre(id: string): void;
  focusLayout(id: string): void;
  select(id: string): void;
  clear(): void;
  clearPath(): void;
}

function chip(kind: string, color: string): HTMLElement {
  return h('span', { className: 'kind-chip', 'data-testid': 'panel-kind' }, [
    h('span', { className: 'swatch', style: `background:${color}` }),
    kindLabel(kind),
  ]);
}

const text = (d: DateText | null | undefined): string | undefined => d?.text;

function facts(rows: [string, string | number | null | undefined][]): HTMLElement | null {
  const present = rows.filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (present.length === 0) return null;
  return h(
    'dl',
    { className: 'facts' },
    present.flatMap(([k, v]) => [h('dt', {}, k), h('dd', { 'data-testid': `fact-${k.toLowerCase()}` }, String(v))]),
  );
}

function formatValue(value: number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return Number.isInteger(value) ? value.toLocaleString('en') : String(value);
}

function period(d: EntityDetails): string | undefined {
  if (!d.period) return undefined;
  const start = text(d.period.start);
  const end = text(d.period.end);
  if (!start && !end) return undefined;
  return `${start ?? '…'} – ${end ?? '…'}`;
}

function evidenceItem(e: Evidence): HTMLElement {
  const published = text(e.document.published);
  return h(
    'li',
    { className: 'evidence' },
    h('blockquote', { 'data-testid': 'evidence-quote' }, `“${e.quote}”`),
    h(
      'cite',
      { 'data-testid': 'evidence-document' },
      e.document.title,
      published ? h('span', { className: 'muted' }, ` · ${published}`) : null,
    ),
  );
}

export interface EntityView {
  color: string;
  /** Drawn now, so it can be centred on. */
  inGraph: boolean;
  /** The start of any path (not shown at the end of one). */
  pathStart: boolean;
}

export function renderEntity(d: EntityDetails, view: EntityView, actions: PanelActions): HTMLElement {
  const isOutcome = d.kind === 'OUTCOME';
  return h(
    'section',
    { className: 'entity', 'data-testid': 'entity-details', 'data-id': d.id },
    h('div', { className: 'panel-head' }, chip(d.kind, view.color), h('code', { className: 'muted id' }, d.id)),
    h('h2', { 'data-testid': 'panel-name' }, d.name),
    d.nameZh ? h('p', { className: 'zh', lang: 'zh-Hans', 'data-testid': 'panel-name-zh' }, d.nameZh) : null,
    d.description ? h('p', { className: 'description' }, d.description) : null,
    d.aliases.length > 0 ? h('p', { className: 'muted aliases' }, `Also: ${d.aliases.join('; ')}`) : null,
    facts([
      ['Position', d.position],
      ['Date', text(d.date)],
      ['Start', text(d.start)],
      ['End', text(d.end)],
    ]),
    isOutcome
      ? h(
          'div',
          { className: 'outcome', 'data-testid': 'outcome' },
          h('h3', {}, 'Outcome'),
          facts([
            ['Figure', d.figure],
            ['Value', formatValue(d.value)],
            ['Unit', d.unit],
            ['Year', text(d.year)],
            ['Period', period(d)],
            ['Metric', d.metric],
          ]),
        )
      : null,
    h(
      'div',
      { className: 'actions' },
      h(
        'button',
        { type: 'button', onclick: () => actions.expand(d.id), 'data-testid': 'expand' },
        'Expand neighbours',
      ),
      view.inGraph ? h('button', { type: 'button', onclick: () => actions.centre(d.id) }, 'Centre') : null,
      h('button', { type: 'button', onclick: () => actions.focusLayout(d.id) }, 'Only its neighbourhood'),
      h('button', { type: 'button', className: 'secondary', onclick: () => actions.clear() }, 'Close'),
    ),
    view.pathStart &&
      h(
        'p',
        { className: 'hint' },
        'Shift-click another node, or Shift-pick a search result, to highlight the shortest path from this one.',
      ),
    d.note ? h('p', { className: 'note' }, h('strong', {}, 'Note: '), d.note) : null,
    h('h3', {}, `Evidence (${d.evidence.length})`),
    d.evidence.length > 0
      ? h('ul', { className: 'evidence-list', 'data-testid': 'evidence-list' }, d.evidence.map(evidenceItem))
      : h('p', { className: 'muted' }, 'No quotes.'),
  );
}

export function renderPath(
  from: string,
  to: string,
  path: PathResult | null,
  nameOf: (id: string) => string,
  actions: PanelActions,
): HTMLElement {
  const body: HTMLElement[] = [];
  if (!path) {
    body.push(h('p', {}, `${nameOf(from)} and ${nameOf(to)} are not connected.`));
  } else {
    const items: HTMLElement[] = [];
    path.nodes.forEach((node, i) => {
      items.push(
        h(
          'li',
          { className: 'path-node' },
          h('button', { type: 'button', className: 'link', onclick: () => actions.select(node.id) }, node.name),
          h('span', { className: 'muted' }, ` ${kindLabel(node.kind)}`),
        ),
      );
      const edge = path.edges[i];
      if (edge) {
        const forward = edge.sourceId === node.id;
        items.push(
          h(
            'li',
            { className: 'path-edge muted' },
            forward ? `↓ ${relationLabel(edge.type)}` : `↑ ${relationLabel(edge.type)} (reversed)`,
          ),
        );
      }
    });
    body.push(
      h('p', {}, `${path.edges.length} relation${path.edges.length === 1 ? '' : 's'}:`),
      h('ol', { className: 'path' }, items),
    );
  }
  return h(
    'section',
    { className: 'path-section', 'data-testid': 'path' },
    h('h2', {}, 'Shortest path'),
    ...body,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', onclick: () => actions.clearPath() }, 'Clear path'),
    ),
  );
}

export function renderMessage(title: string, message: string, testid = 'panel-message'): HTMLElement {
  return h('section', { className: 'message', 'data-testid': testid }, h('h2', {}, title), h('p', {}, message));
}
