import { EvidenceContextEnum } from './enums.js';
import { DocumentRef, EvidenceRef } from './refs.js';

const CONTEXT_CHARS = 80;

EvidenceRef.implement({
  description: 'A verbatim quote from a source document that backs an entity or relation, with its offsets.',
  fields: (t) => ({
    document: t.field({
      type: DocumentRef,
      resolve: (ev, _args, { snapshot }) => {
        const doc = snapshot.getDocument(ev.document);
        if (!doc) throw new Error(`evidence document ${ev.document} missing from snapshot`);
        return doc;
      },
    }),
    quote: t.exposeString('quote'),
    context: t.field({
      type: EvidenceContextEnum,
      description:
        'Headline, body, caption or byline: derived from the line the quote starts in (title line, photo credit, reporter and author lines) or stated in the data.',
      resolve: (ev) => ev.context,
    }),
    start: t.exposeInt('start', {
      description: 'Offset of the quote in Document.text (UTF-16 code units, as String.prototype.slice counts).',
    }),
    end: t.exposeInt('end', { description: 'Offset just past the quote: text.slice(start, end) is the quote.' }),
    before: t.string({
      description: `Up to ${CONTEXT_CHARS} characters of text before the quote.`,
      resolve: (ev, _a, { snapshot }) =>
        snapshot.getDocument(ev.document)?.text.slice(Math.max(0, ev.start - CONTEXT_CHARS), ev.start) ?? '',
    }),
    after: t.string({
      description: `Up to ${CONTEXT_CHARS} characters of text after the quote.`,
      resolve: (ev, _a, { snapshot }) =>
        snapshot.getDocument(ev.document)?.text.slice(ev.end, ev.end + CONTEXT_CHARS) ?? '',
    }),
    note: t.exposeString('note', { nullable: true }),
  }),
});
