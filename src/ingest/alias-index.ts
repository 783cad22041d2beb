/**
 * Finds mentions of entities the graph already holds: a token trie over the normalised
 * names and aliases, scanned leftmost-longest over the document's wink tokens. Each token is
 * visited once per trie depth, so a document is scanned in time linear in its length.
 */
import type { EntityRecord } from '../model/records.js';
import type { Analysed } from './analyse.js';
import { normWord, normWords } from './normalise.js';

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  /** Entity ids whose alias ends here (several when two entities share an alias). */
  ids: string[];
  alias?: string;
  /** Set when every alias ending here is one upper-case word: "MOST" is not "most". */
  acronym?: boolean;
  /**
   * Set when every alias ending here is one capitalised word, perhaps after an article: "the
   * Party" names the CPC, "the party's decision" or "a party to the case" does not.
   */
  capitalised?: boolean;
}

export interface AliasHit {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly alias: string;
}

const node = (): TrieNode => ({ next: new Map(), ids: [] });

/**
 * Aliases that only make sense inside their own document ("the meeting", "the author") are
 * anaphora, not names: they would link every other document's meetings to one meeting.
 */
function isAnaphoric(alias: string): boolean {
  const words = alias.trim().split(/\s+/);
  return /^the$/i.test(words[0] ?? '') && words.length <= 3 && alias === alias.toLowerCase();
}

/** A run of Chinese characters: a Chinese name given in an English text ("Qinglang (清朗)"). */
const HAN_RUN = /\p{Script=Han}+/gu;

export class AliasIndex {
  private readonly root = node();
  /** Chinese names, matched as a whole run of Han characters (no word boundaries to trust inside one). */
  private readonly zh = new Map<string, string[]>();
  readonly size: number;

  constructor(entities: readonly EntityRecord[]) {
    let size = 0;
    for (const e of entities) {
      // Outcomes are figures, not names: their names never recur verbatim in another text.
      if (e.kind === 'OUTCOME') continue;
      const zh = e.nameZh?.trim();
      if (zh && /^\p{Script=Han}{2,}$/u.test(zh)) {
        const ids = this.zh.get(zh) ?? [];
        if (!ids.includes(e.id)) ids.push(e.id);
        this.zh.set(zh, ids);
        size++;
      }
      for (const alias of [e.name, ...e.aliases]) {
        if (isAnaphoric(alias)) continue;
        const words = normWords(alias);
        if (words.length === 0 || (words.length === 1 && (words[0] ?? '').length < 3)) continue;
        let at = this.root;
        for (const w of words) {
          let child = at.next.get(w);
          if (!child) {
            child = node();
            at.next.set(w, child);
          }
          at = child;
        }
        if (!at.ids.includes(e.id)) at.ids.push(e.id);
        at.alias ??= alias;
        const acronym = /^[A-Z]{2,}$/.test(alias.trim());
        at.acronym = (at.acronym ?? true) && acronym;
        const content = alias
          .trim()
          .split(/\s+/)
          .filter((w) => !/^(?:the|a|an)$/i.test(w));
        at.capitalised = (at.capitalised ?? true) && content.length === 1 && /^\p{Lu}/u.test(content[0] ?? '');
        size++;
      }
    }
    this.size = size;
  }

  /** Leftmost-longest matches over the document's tokens. */
  scan(doc: Analysed): AliasHit[] {
    const units = wordUnits(doc);
    const hits: AliasHit[] = [];
    let i = 0;
    while (i < units.length) {
      let at: TrieNode | undefined = this.root;
      let best: { end: number; node: TrieNode } | undefined;
      for (let j = i; j < units.length && at; j++) {
        const unit = units[j];
        if (!unit) break;
        // A match never runs across a sentence end.
        if (j > i && unit.sentence !== units[i]?.sentence) break;
        at = at.next.get(unit.norm);
        if (
          at &&
          at.ids.length > 0 &&
          !(at.acronym && unit.raw !== unit.raw.toUpperCase()) &&
          !(at.capitalised && !/^\p{Lu}/u.test(unit.raw))
        )
          best = { end: j, node: at };
      }
      const first = units[i];
      const last = best ? units[best.end] : undefined;
      if (best && first && last) {
        for (const id of [...best.node.ids].sort()) {
          hits.push({ id, start: first.start, end: last.end, alias: best.node.alias ?? '' });
        }
        i = best.end + 1;
      } else i++;
    }
    if (this.zh.size === 0) return hits;
    const zhHits: AliasHit[] = [];
    for (const m of doc.text.matchAll(HAN_RUN)) {
      for (const id of [...(this.zh.get(m[0]) ?? [])].sort())
        zhHits.push({ id, start: m.index, end: m.index + m[0].length, alias: m[0] });
    }
    return zhHits.length === 0
      ? hits
      : [...hits, ...zhHits].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  }
}

interface Unit {
  readonly norm: string;
  /** The word as written, to tell an acronym from a common word. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
}

/** Word tokens split at hyphens, with quotes and punctuation left out, tagged with their sentence. */
function wordUnits(doc: Analysed): Unit[] {
  const out: Unit[] = [];
  for (const s of doc.sentences) {
    for (let t = s.firstToken; t <= s.lastToken; t++) {
      const tok = doc.tokens[t];
      if (!tok || !/[\p{L}\p{N}]/u.test(tok.text)) continue;
      let offset = 0;
      for (const part of tok.text.split('-')) {
        const start = tok.start + offset;
        offset += part.length + 1;
        const clean = part.replace(/^[’'‘“”"]+|[’'‘“”"]+$/g, '');
        const norm = normWord(clean);
        if (!/[\p{L}\p{N}]/u.test(norm) || norm === 's') continue;
        const lead = part.indexOf(clean);
        out.push({ norm, raw: clean, start: start + lead, end: start + lead + clean.length, sentence: s.index });
      }
    }
  }
  return out;
}
