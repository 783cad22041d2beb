/**
 * What a newcomer meets first, through the real `serve` command: the addresses it prints are
 * the ones that answer, GraphiQL's page needs no CDN, production explains /graphql to a
 * browser instead of refusing it, and the README's curl line works as printed.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { curlExample } from '../../src/server/graphiql.js';
import { servedLines } from '../../src/server/served.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Serve {
  child: ChildProcess;
  origin: string;
  output: () => string;
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `serve` on an OS-chosen port; resolves once it has printed everything it prints at start. */
function serve(env: Record<string, string>): Promise<Serve> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /Health: +http:\/\/localhost:(\d+)\/health/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        done({ child, origin: `http://127.0.0.1:${port}`, output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`serve exited (${code}) before listening:\n${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Every URL `serve` printed, fetched the way a browser opens it. */
async function statusesOfPrinted(output: string, origin: string): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  const printed = [...output.matchAll(/http:\/\/localhost:\d+(\/\S*?(?:\{[^}]*\})?)(?=\s|$)/g)];
  // `/export/{graph.gexf, graph.json}` stands for each of the files in the braces.
  const paths = printed.flatMap(([, path = '']) => {
    const braces = /^(.*)\{([^}]*)\}$/.exec(path);
    return braces ? (braces[2] ?? '').split(', ').map((file) => `${braces[1]}${file}`) : [path];
  });
  for (const path of paths) {
    const res = await fetch(`${origin}${path}`, { headers: { accept: 'text/html' } });
    statuses[path] = res.status;
    await res.arrayBuffer();
  }
  return statuses;
}

describe('serve in development', () => {
  it('prints GraphiQL, explorer, exports and health, and each printed address answers 200', async () => {
    const { child, origin, output } = await serve({ NODE_ENV: 'development' });
    try {
      expect(output()).toMatch(/GraphiQL: +http:\/\/localhost:\d+\/graphql/);
      expect(output()).toMatch(/Exports: +http:\/\/localhost:\d+\/export\/\{graph\.gexf, /);
      const statuses = await statusesOfPrinted(output(), origin);
      expect(Object.keys(statuses)).toEqual(
        expect.arrayContaining(['/graphql', '/export/graph.gexf', '/export/cytoscape.json', '/health']),
      );
      // The explorer line is only a URL when dist/explorer is built.
      if (existsSync(join(ROOT, 'dist/explorer/index.html'))) expect(statuses['/explorer/']).toBe(200);
      expect(Object.entries(statuses).filter(([, status]) => status !== 200)).toEqual([]);

      // GraphiQL's page carries its scripts and styles: nothing is loaded from another host.
      const page = await (await fetch(`${origin}/graphql`, { headers: { accept: 'text/html' } })).text();
      expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
      expect(page).toContain('YogaGraphiQL.renderYogaGraphiQL');
      expect(page).toContain('query MinistryWithEvidence');
      // Its script is served here, once, not inlined into every page.
      expect(page.length).toBeLessThan(20_000);
      for (const [, asset] of page.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)) {
        const res = await fetch(`${origin}${asset}`);
        expect(res.status, asset).toBe(200);
        expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
      }
    } finally {
      await stop(child);
    }
  }, 90_000);
});

describe('serve in production', () => {
  it('does not print GraphiQL, and explains /graphql to a browser instead of refusing it', async () => {
    const { child, origin, output } = await serve({ NODE_ENV: 'production' });
    try {
      expect(output()).not.toContain('GraphiQL:');
      expect(output()).toMatch(/GraphQL: +http:\/\/localhost:\d+\/graphql +\(JSON POST; GraphiQL is off/);

      for (const accept of ['text/html,application/xhtml+xml,*/*;q=0.8', 'text/html']) {
        const res = await fetch(`${origin}/graphql`, { headers: { accept } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await res.text();
        expect(html).toContain('GraphiQL is off');
        expect(html).toContain('content-type: application/json');
      }

      // A plain form-encoded POST (curl -d without a content type) is told what to send.
      const refused = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query={__typename}',
      });
      expect(refused.status).toBe(403);
      const { errors } = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(errors[0]?.extensions.code).toBe('CSRF_HEADER_REQUIRED');
      for (const header of ['content-type: application/json', 'x-graphql-yoga-csrf', 'graphql-require-preflight']) {
        expect(errors[0]?.message).toContain(header);
      }

      // The README's curl line, run as printed (curl is on every machine the README targets).
      expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(curlExample('http://localhost:4000'));
      let curl = true;
      try {
        execFileSync('curl', ['--version'], { stdio: 'ignore' });
      } catch {
        curl = false;
      }
      if (curl) {
        const answer = execFileSync('sh', ['-c', `${curlExample(origin)} --silent --show-error`], { encoding: 'utf8' });
        expect(JSON.parse(answer)).toMatchObject({ data: { snapshot: { entityCount: expect.any(Number) } } });
      }
    } finally {
      await stop(child);
    }
  }, 90_000);
});

describe('servedLines', () => {
  it('says the explorer is not built instead of printing an address that answers 503', () => {
    const empty = mkdtempSync(join(tmpdir(), 'served-'));
    try {
      const lines = servedLines({ origin: 'http://localhost:1', config: { introspection: true }, explorerDir: empty });
      expect(lines.find((l) => l.startsWith('Explorer:'))).toMatch(/not built/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
