/**
 * `reform-graph export <format> [--focus ID]... [--depth N] [--data DIR]`: the laid-out graph
 * on stdout, ready to redirect into a file Gephi, yEd, Sigma.js or Cytoscape opens.
 */
import type { Writable } from 'node:stream';
import { EXPORT_FORMAT_NAMES, exportGraph, isExportFormat } from '../export/index.js';
import { loadGraphData } from '../graph/load.js';
import { layoutOffThread } from '../layout/offthread.js';
import { LAYOUT_PHASES, type LayoutPhase } from '../layout/worker.js';
import { DataValidationError, DomainError, formatProblem } from '../model/errors.js';
import { type PhaseProgress, phaseProgress } from './progress.js';

export interface ExportArgs {
  /** gexf, graphml, json (graphology/Sigma.js) or cytoscape. */
  readonly format: string;
  readonly focus?: string | readonly string[];
  /** As typed on the command line or already a number. */
  readonly depth?: number | string;
  readonly dataDir: string;
}

export interface ExportIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Resolves once the chunk is handed to the OS, so the process may exit right after. */
const writeAll = (stream: Writable, text: string) =>
  new Promise<void>((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });

/** Exit code: 0 written, 1 bad data, 2 bad arguments. */
export async function runExport(
  args: ExportArgs,
  io: ExportIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (!isExportFormat(args.format)) {
    await writeAll(io.stderr, `unknown export format "${args.format}": use one of ${EXPORT_FORMAT_NAMES.join(', ')}\n`);
    return 2;
  }
  const depth = typeof args.depth === 'string' ? Number(args.depth) : args.depth;
  if (typeof args.depth === 'string' && !/^\d+$/.test(args.depth)) {
    await writeAll(io.stderr, `--depth must be a non-negative integer, got "${args.depth}"\n`);
    return 2;
  }
  try {
    const snapshot = loadGraphData(args.dataDir);
    // A big layout runs in a worker thread with a progress bar (created only if it does, so
    // small exports print nothing); exportGraph then finds the layout cached.
    let progress: PhaseProgress<LayoutPhase> | undefined;
    const focus = typeof args.focus === 'string' ? [args.focus] : args.focus;
    await layoutOffThread(
      snapshot,
      { focus, depth },
      {
        onPhase: (phase) => {
          progress ??= phaseProgress(io.stderr, 'layout', LAYOUT_PHASES);
          progress.onPhase(phase);
        },
      },
    );
    progress?.done();
    const out = exportGraph(snapshot, args.format, { focus: args.focus, depth });
    await writeAll(io.stdout, out.body.endsWith('\n') ? out.body : `${out.body}\n`);
    return 0;
  } catch (err) {
    if (err instanceof DataValidationError) {
      await writeAll(io.stderr, `${err.problems.map(formatProblem).join('\n')}\n${err.message}\n`);
      return 1;
    }
    if (err instanceof DomainError) {
      await writeAll(io.stderr, `${err.code}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
