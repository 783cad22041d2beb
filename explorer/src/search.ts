/**
 * The search box: asks the server's full-text `search` as you type and lists the hits with the
 * field that matched (name, alias, Chinese name, description, note or a quote) and the matched
 * words marked, so a hit found through a source's words says why it is there.
 * Owns its own state (request counter, hits, active row); main.ts only says what a pick does.
 */
import { graphql } from './api';
import { h, kindLabel } from './dom';

export interface Highlight {
  start: number;
  end: number;
  text: string;
}

export interface SearchHit {
  score: number;
  matchType: string;
  matchedOn: string;
  matchedText: string;
  highlights: Highlight[];
  entity: { id: string; name: string; kind: string };
}

const SEARCH_QUERY = /* GraphQL */ `
  query ExplorerSearch($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      score
      matchType
      matchedOn
      matchedText
      highlights { start end text }
      entity { id name kind }
    }
  }
`;

export async function search(query: string, first = 12): Promise<SearchHit[]> {
  return (await graphql<{ search: SearchHit[] }>(SEARCH_QUERY, { query, first })).search;
}

const FIELD_LABEL: Record<string, string> = {
  NAME: 'name',
  ALIAS: 'alias',
  NAME_ZH: 'Chinese name',
  DESCRIPTION: 'description',
  NOTE: 'curator note',
  EVIDENCE: 'quote',
};

/** Characters of context kept either side of the first highlight in a long matched text. */
const CONTEXT = 60;

/**
 * The matched text as nodes with <mark> around each highlight; a long text (a quote) is cut to
 * a window around its first highlight. Offsets come from the server and index matchedText.
 */
export function markedText(text: string, highlights: readonly Highlight[]): (Node | string)[] {
  const first = highlights[0];
  let from = first && text.length > CONTEXT * 3 ? Math.max(0, first.start - CONTEXT) : 0;
  // Start the window at a word, not inside one.
  const space = from > 0 ? text.indexOf(' ', from) : -1;
  if (first && space >= 0 && space < first.start) from = space + 1;
  const to = first && text.length > CONTEXT * 3 ? Math.min(text.length, first.end + CONTEXT * 2) : text.length;
  const out: (Node | string)[] = [from > 0 ? '…' : ''];
  let at = from;
  for (const x of highlights) {
    if (x.end <= at || x.start >= to) continue;
    const start = Math.max(x.start, at);
    out.push(text.slice(at, start), h('mark', {}, text.slice(start, Math.min(x.end, to))));
    at = Math.min(x.end, to);
  }
  out.push(text.slice(at, to), to < text.length ? '…' : '');
  return out.filter((n) => n !== '');
}

export interface SearchBoxOptions {
  readonly input: HTMLInputElement;
  readonly results: HTMLElement;
  readonly colorOf: (kind: string) => string;
  /** A hit was chosen (click or Enter); shift held for "trace a path to it". */
  readonly onPick: (hit: SearchHit, shift: boolean) => void;
  readonly onError: (err: unknown) => void;
}

export function createSearchBox({ input, results, colorOf, onPick, onError }: SearchBoxOptions): void {
  let request = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hits: SearchHit[] = [];
  let active = -1;

  const close = () => {
    results.hidden = true;
    results.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };

  const pick = (hit: SearchHit, shift: boolean) => {
    close();
    input.value = hit.entity.name;
    onPick(hit, shift);
  };

  const row = (hit: SearchHit, i: number) =>
    h(
      'div',
      {
        role: 'option',
        id: `result-${i}`,
        className: i === active ? 'option active' : 'option',
        'aria-selected': String(i === active),
        'data-testid': 'search-result',
        'data-id': hit.entity.id,
        'data-matched-on': hit.matchedOn,
        // mousedown, not click: the input's blur would close the list first.
        onmousedown: (event: Event) => {
          event.preventDefault();
          pick(hit, (event as MouseEvent).shiftKey);
        },
      },
      h('span', { className: 'swatch', style: `background:${colorOf(hit.entity.kind)}` }),
      h(
        'span',
        { className: 'result-text' },
        h(
          'span',
          { className: 'result-name' },
          ...(hit.matchedOn === 'NAME' ? markedText(hit.matchedText, hit.highlights) : [hit.entity.name]),
        ),
        h(
          'span',
          { className: 'muted' },
          kindLabel(hit.entity.kind),
          ` · ${FIELD_LABEL[hit.matchedOn] ?? hit.matchedOn}`,
        ),
        hit.matchedOn === 'NAME'
          ? null
          : h(
              'span',
              { className: 'result-match', 'data-testid': 'search-result-match' },
              ...markedText(hit.matchedText, hit.highlights),
            ),
      ),
    );

  const render = () => {
    results.replaceChildren(
      ...(hits.length === 0
        ? [h('div', { className: 'option empty', 'data-testid': 'search-empty' }, 'No match.')]
        : hits.map(row)),
    );
    results.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  const run = async (query: string) => {
    const mine = ++request;
    try {
      const found = await search(query);
      if (mine !== request) return;
      hits = found;
      active = -1;
      render();
    } catch (err) {
      if (mine !== request) return;
      close();
      onError(err);
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2) {
      request++;
      close();
      return;
    }
    timer = setTimeout(() => void run(query), 200);
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      close();
      return;
    }
    if (results.hidden || hits.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + hits.length) % hits.length;
      render();
      input.setAttribute('aria-activedescendant', `result-${active}`);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[Math.max(active, 0)];
      if (hit) pick(hit, event.shiftKey);
    }
  });

  input.addEventListener('blur', () => close());
}
