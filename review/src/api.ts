/** The review page's only link to its server: a small JSON API under /api/, local to this machine. */

export type Item = Record<string, unknown>;
export type Section = 'entities' | 'extends' | 'relations';

export interface ReviewNote {
  confidence: number;
  rule: string;
  linkedTo?: string;
  /** Written by this page: what the curator decided, and whether the item was edited. */
  decision?: 'accepted' | 'rejected' | 'merged';
  edited?: boolean;
  into?: string;
}

export interface CandidateFile {
  document: string;
  entities: Item[];
  extends: Item[];
  relations: Item[];
  review: Record<string, ReviewNote>;
}

export interface ExistingEntity {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
}

export interface UncoveredItem {
  kind: string;
  text: string;
  offset: number;
  line: number;
  context: string;
}

export interface Coverage {
  document: string;
  items: number;
  covered: number;
  excluded: number;
  uncovered: number;
  uncoveredItems: UncoveredItem[];
  staleExclusions: { text: string; reason: string; file: string; stale: string }[];
}

export interface FieldSpec {
  key: string;
  type: 'string' | 'number' | 'enum' | 'date' | 'list' | 'object';
  options?: string[];
}

export interface SavedIds {
  entities: string[];
  extends: string[];
  relations: string[];
}

export interface SessionState {
  document: { id: string; title: string; text: string };
  candidatesFile: string;
  file: CandidateFile;
  existing: Record<string, ExistingEntity>;
  saved: SavedIds;
  coverage: Coverage | null;
  colors: Record<string, string>;
  kinds: Record<string, { prefix: string }>;
  relationTypes: { type: string; from: string[]; to: string[] }[];
  fields: Record<string, FieldSpec[]>;
  assertions: { name: string; meaning: string }[];
}

export interface Problem {
  file: string;
  path: string;
  reason: string;
  line?: number;
  section?: Section;
  index?: number;
}

export type SaveOutcome =
  | {
      ok: true;
      knowledgeFile: string;
      added: { entities: number; extends: number; relations: number };
      updated: number;
      trimmedQuotes: number;
      coverage: Coverage | null;
      saved: SavedIds;
    }
  | { ok: false; problems: Problem[] };

export type ExcludeOutcome = { ok: true; file: string; coverage: Coverage | null } | { ok: false; problems: Problem[] };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new ApiError(
      `Cannot reach the review server (${(err as Error).message}). Is \`reform-graph review\` still running?`,
    );
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (!body) throw new ApiError(`The review server answered ${res.status} without a JSON body.`);
  // 422 carries validation problems, which the page shows; other failures are errors.
  if (!res.ok && res.status !== 422) throw new ApiError(body.error?.message ?? `HTTP ${res.status}`, body.error?.code);
  return body;
}

const post = <T>(path: string, body: unknown) =>
  call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const fetchSession = () => call<SessionState>('/api/session');

export const searchEntities = async (q: string) =>
  (await call<{ hits: ExistingEntity[] }>(`/api/search?q=${encodeURIComponent(q)}`)).hits;

export const save = (file: CandidateFile, accepted: Record<Section, number[]>) =>
  post<SaveOutcome>('/api/save', { file, accepted });

export const exclude = (text: string, reason: string) => post<ExcludeOutcome>('/api/exclusions', { text, reason });
