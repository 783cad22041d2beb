/**
 * The explorer's only link to the server: GraphQL over HTTP POST at /graphql.
 * Every operation the page runs is written out here, with the shape of its answer.
 */

export const GRAPHQL_ENDPOINT = '/graphql';

/** A GraphQL or HTTP failure, with the server's own message and code when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new ApiError(`Cannot reach the server (${(err as Error).message}).`);
  }
  let body: GraphQLResponse<T> | undefined;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(
      `The server answered ${response.status} ${response.statusText} without a GraphQL body.`,
      undefined,
      response.status,
    );
  }
  const first = body.errors?.[0];
  if (first) {
    const more = body.errors && body.errors.length > 1 ? ` (and ${body.errors.length - 1} more)` : '';
    throw new ApiError(`${first.message}${more}`, first.extensions?.code, response.status);
  }
  if (!response.ok || !body.data) {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, undefined, response.status);
  }
  return body.data;
}

// ---------------------------------------------------------------------------------------------
// Layout: positions, sizes and colours are computed by the server.

export interface LayoutNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
  size: number;
  color: string;
  community: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
  /** STATED, IMPLIED_BY_CONTEXT or CURATOR_INFERENCE: all but STATED are drawn dashed. */
  assertion?: string;
}

export interface Layout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

const LAYOUT_QUERY = /* GraphQL */ `
  query ExplorerLayout($focus: [ID!], $depth: Int, $kinds: [EntityKind!], $relationTypes: [RelationType!]) {
    layout(focus: $focus, depth: $depth, kinds: $kinds, relationTypes: $relationTypes) {
      nodes { id label kind x y size color community }
      edges { id source target type label assertion }
    }
  }
`;

export interface LayoutArgs {
  focus?: string[];
  depth?: number;
  kinds?: string[];
  relationTypes?: string[];
}

export async function fetchLayout(args: LayoutArgs = {}): Promise<Layout> {
  return (await graphql<{ layout: Layout }>(LAYOUT_QUERY, { ...args })).layout;
}

// ---------------------------------------------------------------------------------------------
// One entity, for the side panel.

export interface DateText {
  text: string;
}

export interface Evidence {
  quote: string;
  document: { id: string; title: string; published: DateText | null };
}

export interface EntityDetails {
  id: string;
  kind: string;
  name: string;
  nameZh: string | null;
  aliases: string[];
  description: string | null;
  note: string | null;
  date: DateText | null;
  start: DateText | null;
  end: DateText | null;
  // Outcomes only.
  value?: number | null;
  unit?: string | null;
  figure?: string | null;
  metric?: string | null;
  year?: DateText | null;
  period?: { start: DateText | null; end: DateText | null } | null;
  // People only: the position the text gives.
  position?: string | null;
  evidence: Evidence[];
}

const ENTITY_QUERY = /* GraphQL */ `
  query ExplorerEntity($id: ID!) {
    entity(id: $id) {
      id
      kind
      name
      nameZh
      aliases
      description
      note
      date { text }
      start { text }
      end { text }
      ... on Outcome {
        value
        unit
        figure
        metric
        year { text }
        period { start { text } end { text } }
      }
      ... on Person { position }
      evidence { quote document { id title published { text } } }
    }
  }
`;

export async function fetchEntity(id: string): Promise<EntityDetails> {
  const data = await graphql<{ entity: EntityDetails | null }>(ENTITY_QUERY, { id });
  if (!data.entity) throw new ApiError(`No entity "${id}".`, 'NOT_FOUND');
  return data.entity;
}

// ---------------------------------------------------------------------------------------------
// Neighbours, to grow the drawing around a node.

export interface EntityRef {
  id: string;
  name: string;
  kind: string;
}

export interface RelationRef {
  id: string;
  type: string;
  sourceId: string;
  targetId: string;
  assertion?: string;
}

const NEIGHBORS_QUERY = /* GraphQL */ `
  query ExplorerNeighbors($id: ID!) {
    entity(id: $id) {
      id
      neighbors { id name kind }
      relations(first: 100) { edges { node { id type sourceId targetId assertion } } }
    }
  }
`;

export async function fetchNeighbors(id: string): Promise<{ neighbors: EntityRef[]; relations: RelationRef[] }> {
  const data = await graphql<{
    entity: { neighbors: EntityRef[]; relations: { edges: { node: RelationRef }[] } } | null;
  }>(NEIGHBORS_QUERY, { id });
  if (!data.entity) throw new ApiError(`No entity "${id}".`, 'NOT_FOUND');
  return { neighbors: data.entity.neighbors, relations: data.entity.relations.edges.map((e) => e.node) };
}

// ---------------------------------------------------------------------------------------------
// Shortest path between two entities, relations followed either way.

export interface PathResult {
  nodes: EntityRef[];
  edges: RelationRef[];
}

const SHORTEST_PATH_QUERY = /* GraphQL */ `
  query ExplorerShortestPath($from: ID!, $to: ID!) {
    shortestPath(from: $from, to: $to, directed: false) {
      nodes { id name kind }
      edges { id type sourceId targetId assertion }
    }
  }
`;

/** null when the two entities are not connected. */
export async function fetchShortestPath(from: string, to: string): Promise<PathResult | null> {
  return (await graphql<{ shortestPath: PathResult | null }>(SHORTEST_PATH_QUERY, { from, to })).shortestPath;
}
