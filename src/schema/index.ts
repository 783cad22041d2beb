/** Assembles the schema: imports each type file for its side effects, then builds. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import { syncNodeIds } from './node-ids.js';
import './partial-date.js';
import './evidence.js';
import './document.js';
import './entity.js';
import './relation.js';
import './search.js';
import './ontology.js';
import './traversal.js';
import './layout.js';
import './metrics.js';
import './filters.js';
import './analytics.js';
import './extract.js';

builder.queryType({ description: 'Questions about the reform graph. Every answer traces to verbatim quotes.' });

export const schema = syncNodeIds(lexicographicSortSchema(builder.toSchema()));
export type { AnswerSize, Context } from './builder.js';
