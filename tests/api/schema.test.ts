import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ontologyTable, statsTables } from '../../src/cli/format.js';
import { schema } from '../../src/schema/index.js';
import { bundledSnapshot } from '../helpers/graphql.js';

describe('printed schema', () => {
  it('schema/schema.graphql is exactly what the code builds (run `npm run schema` after changing types)', () => {
    const committed = readFileSync(resolve(import.meta.dirname, '../../schema/schema.graphql'), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });
});

describe('README', () => {
  it('shows the ontology table generated from src/model/ontology.ts (run `npx reform-graph ontology`)', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(ontologyTable());
  });

  it('shows the counts `npx reform-graph stats` prints for the bundled data', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(statsTables(bundledSnapshot()));
  });
});
