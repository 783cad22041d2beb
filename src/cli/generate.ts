/**
 * `reform-graph generate --entities N --out DIR [--seed S]`: a synthetic graph-data corpus
 * for scale tests, with a progress bar on stderr.
 */
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { type GenerateProgress, generateCorpus } from '../graph/generate.js';

/**
 * A progress bar that redraws in place (\r) on a terminal, and otherwise (CI logs, pipes)
 * writes one line per 10% so logs stay readable.
 */
export class ProgressBar {
  private lastDecile = -1;
  private lastDraw = 0;

  constructor(
    private readonly stream: Writable & { isTTY?: boolean },
    private readonly label: string,
    private readonly width = 30,
  ) {}

  update(done: number, total: number, detail = ''): void {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const percent = Math.floor(fraction * 100);
    if (this.stream.isTTY) {
      // Redrawing on every callback would flood the terminal; ~10 redraws a second is enough.
      const now = performance.now();
      if (fraction < 1 && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const filled = Math.round(fraction * this.width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}`;
      this.stream.write(`\r${this.label} [${bar}] ${String(percent).padStart(3)}% ${detail}`);
      return;
    }
    const decile = Math.floor(percent / 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.stream.write(`${this.label} ${decile * 10}% ${detail}\n`);
    }
  }

  done(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

export interface GenerateArgs {
  readonly entities: number | string;
  readonly out: string;
  readonly seed?: number | string;
}

/** Parses `--entities N --out DIR [--seed S]`, for the lead's CLI wiring. */
export function parseGenerateArgs(argv: string[]): GenerateArgs {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { entities: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
    strict: false,
  });
  return {
    entities: String(values.entities ?? ''),
    out: String(values.out ?? ''),
    seed: values.seed === undefined ? undefined : String(values.seed),
  };
}

/** Exit code: 0 written, 2 bad arguments. */
export function runGenerate(args: GenerateArgs, stderr: Writable & { isTTY?: boolean } = process.stderr): number {
  const entities = Number(args.entities);
  const seed = args.seed === undefined ? 1 : Number(args.seed);
  if (!Number.isInteger(entities) || entities < 8) {
    stderr.write(`--entities must be an integer of at least 8, got "${args.entities}"\n`);
    return 2;
  }
  if (!Number.isInteger(seed)) {
    stderr.write(`--seed must be an integer, got "${args.seed}"\n`);
    return 2;
  }
  if (!args.out) {
    stderr.write('--out DIR is required (it is emptied first)\n');
    return 2;
  }
  const bar = new ProgressBar(stderr, 'generate');
  const started = performance.now();
  const summary = generateCorpus({
    entities,
    out: args.out,
    seed,
    onProgress: (p: GenerateProgress) =>
      bar.update(p.entities, p.totalEntities, `${p.entities} entities, ${p.relations} relations`),
  });
  bar.done();
  stderr.write(
    `generated ${args.out}: ${summary.entities} entities, ${summary.relations} relations, ${summary.documents} documents in ${Math.round(performance.now() - started)} ms (seed ${seed})\n`,
  );
  return 0;
}
