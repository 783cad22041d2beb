/**
 * The curator's draft: every candidate as a row with its decision, and the operations the page
 * offers (accept, reject, edit, re-link, merge, add). No DOM here; main.ts draws what this holds.
 * The draft is turned back into a candidate file (with decisions in `review`) to save.
 */
import type { CandidateFile, ExistingEntity, Item, Problem, ReviewNote, SavedIds, Section } from './api.js';

export type Decision = 'pending' | 'accepted' | 'rejected';

export interface Row {
  readonly uid: number;
  section: Section;
  item: Item;
  decision: Decision;
  /** The extractor's confidence and rule; a curator's own items say so. */
  note: ReviewNote;
  edited: boolean;
  problems: Problem[];
  /**
   * Set on a relation rejected only because the new entity it joins (row `uid`) was rejected:
   * without that entity the relation would dangle. Undoing the entity's rejection gives the
   * relation back the decision it had `before`.
   */
  rejectedWith?: { uid: number; before: Decision };
}

export interface Evidence {
  quote: string;
  occurrence?: number;
}

/** `rel/source-TYPE->target`, as the loader names a relation without an explicit id. */
export const relationKey = (item: Item): string =>
  `rel/${item.id ?? `${String(item.source)}-${String(item.type)}->${String(item.target)}`}`;

export const rowKey = (row: Row): string => (row.section === 'relations' ? relationKey(row.item) : String(row.item.id));

export const evidenceOf = (item: Item): Evidence[] =>
  Array.isArray(item.evidence) ? (item.evidence as Evidence[]) : [];

/** "Ministry of Public Security" → "ministry-of-public-security", as ids are written. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export class Draft {
  rows: Row[] = [];
  /** Notes of candidates merged away, kept so the curation record counts them. */
  private readonly mergedNotes: Record<string, ReviewNote> = {};
  private nextUid = 1;

  constructor(
    readonly file: CandidateFile,
    readonly existing: Record<string, ExistingEntity>,
  ) {
    for (const section of ['entities', 'extends', 'relations'] as const) {
      for (const item of file[section]) {
        const key = section === 'relations' ? relationKey(item) : String(item.id);
        const note = file.review[key] ?? { confidence: 0, rule: 'unknown' };
        const decision: Decision =
          note.decision === 'accepted' ? 'accepted' : note.decision === 'rejected' ? 'rejected' : 'pending';
        this.rows.push(this.row(section, item, note, decision, note.edited === true));
      }
    }
    for (const [key, note] of Object.entries(file.review)) if (note.decision === 'merged') this.mergedNotes[key] = note;
  }

  private row(section: Section, item: Item, note: ReviewNote, decision: Decision, edited: boolean): Row {
    return { uid: this.nextUid++, section, item, note, decision, edited, problems: [] };
  }

  get(uid: number): Row | undefined {
    return this.rows.find((r) => r.uid === uid);
  }

  /** Rows in the order the side list shows them: entities, links to existing entities, relations. */
  ordered(): Row[] {
    const order: Record<Section, number> = { entities: 0, extends: 1, relations: 2 };
    return [...this.rows].sort((a, b) => order[a.section] - order[b.section]);
  }

  /** Entity rows (new or linked) a relation may join. */
  entityRows(): Row[] {
    return this.ordered().filter((r) => r.section !== 'relations');
  }

  kindOf(id: string): string | undefined {
    const row = this.rows.find((r) => r.section === 'entities' && r.item.id === id);
    return row ? String(row.item.kind) : this.existing[id]?.kind;
  }

  nameOf(id: string): string {
    const row = this.rows.find((r) => r.section === 'entities' && r.item.id === id);
    return row ? String(row.item.name) : (this.existing[id]?.name ?? id);
  }

  /**
   * Records the curator's decision. Rejecting a new entity also rejects the relations that name
   * it, since the loader would refuse them as dangling references; un-rejecting it gives those
   * relations their earlier decisions back. Returns how many relations went along.
   */
  decide(row: Row, decision: Decision): number {
    const was = row.decision;
    row.decision = decision;
    // A decision taken on the relation itself is the curator's own, no longer the entity's.
    delete row.rejectedWith;
    if (row.section !== 'entities' || was === decision) return 0;
    if (decision === 'rejected') {
      const needing = this.needing(row).filter((r) => r.decision !== 'rejected');
      for (const r of needing) {
        r.rejectedWith = { uid: row.uid, before: r.decision };
        r.decision = 'rejected';
      }
      return needing.length;
    }
    return was === 'rejected' ? this.release(row) : 0;
  }

  /** Relation rows rejected only because `row` was. */
  rejectedAlong(row: Row): Row[] {
    return this.rows.filter((r) => r.rejectedWith?.uid === row.uid);
  }

  /** Relation rows that name this new entity as an end. */
  private needing(row: Row): Row[] {
    const id = row.item.id;
    return this.rows.filter((r) => r.section === 'relations' && (r.item.source === id || r.item.target === id));
  }

  /**
   * Gives back the relations rejected along with `row`; one whose other end is still a rejected
   * new entity stays rejected, now on that entity's account.
   */
  private release(row: Row): number {
    const along = this.rejectedAlong(row);
    for (const r of along) {
      const before = r.rejectedWith?.before ?? 'pending';
      const other = this.rows.find(
        (e) =>
          e !== row &&
          e.section === 'entities' &&
          e.decision === 'rejected' &&
          (e.item.id === r.item.source || e.item.id === r.item.target),
      );
      if (other) r.rejectedWith = { uid: other.uid, before };
      else {
        r.decision = before;
        delete r.rejectedWith;
      }
    }
    return along.length;
  }

  /** Sets a field (undefined deletes it); an entity's new id is followed by its relations. */
  setField(row: Row, key: string, value: unknown): void {
    const old = row.item[key];
    if (value === undefined || value === '') delete row.item[key];
    else row.item[key] = value;
    if (key === 'id' && row.section !== 'relations' && typeof old === 'string' && typeof value === 'string') {
      this.renameReferences(old, value);
    }
    row.edited = true;
  }

  /** Points the candidate at an existing entity instead: it becomes (or stays) a link, its relations follow. */
  relink(row: Row, target: ExistingEntity): void {
    if (row.section === 'relations') return;
    const oldId = String(row.item.id);
    // Its relations now join an entity the graph holds: none need stay rejected on its account.
    this.release(row);
    this.existing[target.id] = target;
    const already = this.rows.find((r) => r !== row && r.section === 'extends' && r.item.id === target.id);
    if (already) {
      this.mergeEvidence(already.item, row.item);
      already.edited = true;
      this.rows = this.rows.filter((r) => r !== row);
      this.mergedNotes[oldId] = { ...row.note, decision: 'merged', into: target.id };
    } else {
      row.section = 'extends';
      // A link carries only quotes: the existing entity keeps its own name, kind and fields.
      row.item = { id: target.id, evidence: evidenceOf(row.item) };
      row.note = { ...row.note, linkedTo: target.id };
      row.edited = true;
    }
    this.renameReferences(oldId, target.id);
  }

  /** Folds `row` into `into`: its quotes (and name, as an alias) go there, its relations follow. */
  merge(row: Row, into: Row): void {
    if (row === into || row.section === 'relations' || into.section === 'relations') return;
    this.release(row);
    this.mergeEvidence(into.item, row.item);
    const name = row.item.name ?? this.existing[String(row.item.id)]?.name;
    if (into.section === 'entities' && typeof name === 'string' && name !== into.item.name) {
      const aliases = Array.isArray(into.item.aliases) ? (into.item.aliases as string[]) : [];
      if (!aliases.includes(name)) into.item.aliases = [...aliases, name];
    }
    into.edited = true;
    this.rows = this.rows.filter((r) => r !== row);
    this.mergedNotes[String(row.item.id)] = { ...row.note, decision: 'merged', into: String(into.item.id) };
    this.renameReferences(String(row.item.id), String(into.item.id));
  }

  addEntity(kind: string, name: string, id: string, evidence: Evidence): Row {
    const row = this.row(
      'entities',
      { id, kind, name, evidence: [evidence] },
      { confidence: 1, rule: 'curator' },
      'accepted',
      false,
    );
    this.rows.push(row);
    return row;
  }

  addRelation(type: string, source: string, target: string, evidence: Evidence): Row {
    const row = this.row(
      'relations',
      // The curator selected the words that state the link, so STATED is the proposal; the card
      // offers the weaker assertions when the selection only implies it.
      { type, source, target, assertion: 'STATED', evidence: [evidence] },
      { confidence: 1, rule: 'curator' },
      'accepted',
      false,
    );
    this.rows.push(row);
    return row;
  }

  addEvidence(row: Row, evidence: Evidence): void {
    this.mergeEvidence(row.item, { evidence: [evidence] });
    row.edited = true;
  }

  removeEvidence(row: Row, index: number): void {
    const list = evidenceOf(row.item).filter((_e, i) => i !== index);
    row.item.evidence = list;
    row.edited = true;
  }

  /** The candidate file to save, and the indices of what was accepted in each section. */
  toFile(): { file: CandidateFile; accepted: Record<Section, number[]>; rowAt: Record<Section, Row[]> } {
    const rowAt: Record<Section, Row[]> = { entities: [], extends: [], relations: [] };
    for (const row of this.rows) rowAt[row.section].push(row);
    const review: Record<string, ReviewNote> = { ...this.mergedNotes };
    for (const row of this.rows) {
      const { decision: _d, edited: _e, ...base } = row.note;
      review[rowKey(row)] = {
        ...base,
        ...(row.decision === 'pending' ? {} : { decision: row.decision }),
        ...(row.edited ? { edited: true } : {}),
      };
    }
    const accepted = {} as Record<Section, number[]>;
    for (const section of ['entities', 'extends', 'relations'] as const) {
      accepted[section] = rowAt[section].flatMap((r, i) => (r.decision === 'accepted' ? [i] : []));
    }
    const file: CandidateFile = {
      document: this.file.document,
      entities: rowAt.entities.map((r) => r.item),
      extends: rowAt.extends.map((r) => r.item),
      relations: rowAt.relations.map((r) => r.item),
      review,
    };
    return { file, accepted, rowAt };
  }

  isSaved(row: Row, saved: SavedIds): boolean {
    return saved[row.section].includes(rowKey(row));
  }

  private mergeEvidence(into: Item, from: Item): void {
    const have = evidenceOf(into).slice();
    const key = (e: Evidence) => `${e.quote}\u0000${e.occurrence ?? 1}`;
    const keys = new Set(have.map(key));
    for (const e of evidenceOf(from)) {
      if (!keys.has(key(e))) {
        keys.add(key(e));
        have.push(e);
      }
    }
    into.evidence = have;
  }

  /** Relations that named `from` now name `to`; two that became the same relation become one. */
  private renameReferences(from: string, to: string): void {
    for (const row of this.rows) {
      if (row.section !== 'relations') continue;
      if (row.item.source === from) row.item.source = to;
      if (row.item.target === from) row.item.target = to;
    }
    const seen = new Map<string, Row>();
    this.rows = this.rows.filter((row) => {
      if (row.section !== 'relations') return true;
      const first = seen.get(relationKey(row.item));
      if (!first) {
        seen.set(relationKey(row.item), row);
        return true;
      }
      this.mergeEvidence(first.item, row.item);
      return false;
    });
  }
}
