/**
 * One colour per node kind, so every visualiser fed from here draws a kind the same way.
 * The hues are matplotlib/d3 "category10" (Tableau 10): ten well-separated colours that
 * stay distinguishable on white and dark backgrounds.
 */
import type { NodeKind } from '../model/ontology.js';

export const KIND_COLORS = {
  /** Blue: Party and state bodies, the backbone most relations hang from. */
  ORGAN: '#1f77b4',
  /** Purple: sessions, conferences and meetings. */
  PLENARY_SESSION: '#9467bd',
  /** Green: reforms and systems being built. */
  REFORM: '#2ca02c',
  /** Orange: campaigns and operations. */
  CAMPAIGN: '#ff7f0e',
  /** Red: reported outcomes, the figures chains end at. */
  OUTCOME: '#d62728',
  /** Brown: people. */
  PERSON: '#8c564b',
  /** Pink: laws and regulations. */
  LAW: '#e377c2',
  /** Cyan: official documents named in sources. */
  DOCUMENT: '#17becf',
  /** Grey: source documents, drawn only when MENTIONS edges are asked for. */
  SOURCE: '#7f7f7f',
} as const satisfies Record<NodeKind, `#${string}`>;

export function colorOf(kind: NodeKind): string {
  return KIND_COLORS[kind];
}
