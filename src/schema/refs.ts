/**
 * Refs shared between type files, declared apart from their implementations so type files
 * can point at each other without importing each other (Pothos's circular-reference pattern).
 */
import type { Snapshot } from '../graph/snapshot.js';
import type { PartialDate } from '../model/dates.js';
import type { EntityRecord, EvidenceRecord, RelationRecord, SourceDocumentRecord } from '../model/records.js';
import { builder } from './builder.js';

export const EntityRef = builder.interfaceRef<EntityRecord>('Entity');
export const DocumentRef = builder.objectRef<SourceDocumentRecord>('Document');
export const RelationRef = builder.objectRef<RelationRecord>('Relation');
export const EvidenceRef = builder.objectRef<EvidenceRecord>('Evidence');
export const PartialDateRef = builder.objectRef<PartialDate>('PartialDate');

/** What a relation endpoint resolves to: an entity or a source document. */
export function nodeRecord(snapshot: Snapshot, id: string): EntityRecord | SourceDocumentRecord {
  const node = snapshot.getEntity(id) ?? snapshot.getDocument(id);
  if (!node) throw new Error(`relation endpoint ${id} missing from snapshot`);
  return node;
}
