import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import ts from 'typescript';
import { createApp } from '../../apps/api/src/bootstrap';

interface Operation {
  summary?: string;
  deprecated?: boolean;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operations(document: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation: item[method],
    })),
  );
}

/** What an operation lacks: a summary, a success status, or a schema for each success status. */
export function gapsOf(operation: Operation): string[] {
  const gaps: string[] = [];
  if (!operation.summary?.trim()) gaps.push('summary');
  const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  if (successes.length === 0) gaps.push('success response');
  for (const [status, response] of successes) {
    if (status === '204') continue;
    const typed = Object.values(response.content ?? {}).some((media) => media.schema !== undefined);
    if (!typed) gaps.push(`schema of ${status}`);
  }
  return gaps;
}

describe('the OpenAPI document (/docs/json)', () => {
  let app: INestApplication;
  let document: { paths: Record<string, Record<string, Operation>>; [key: string]: unknown };

  beforeAll(async () => {
    app = await createApp(
      { dataDir: 'memory://', databaseUrl: undefined, kurrentDbConnectionString: undefined },
      { logger: false },
    );
    await app.init();
    document = (await request(app.getHttpServer()).get('/docs/json').expect(200)).body;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('gives every operation a summary and a schema for each success answer', () => {
    const incomplete = operations(document)
      .map(({ name, operation }) => ({ name, gaps: gapsOf(operation) }))
      .filter(({ gaps }) => gaps.length > 0);
    expect(incomplete).toEqual([]);
  });

  it('the walk fails an operation without a summary or a response schema', () => {
    expect(gapsOf({ responses: { '200': { content: { 'application/json': { schema: {} } } } } })).toEqual(['summary']);
    expect(gapsOf({ summary: 's', responses: { '201': {} } })).toEqual(['schema of 201']);
    expect(gapsOf({ summary: 's', responses: { '400': {} } })).toEqual(['success response']);
  });

  it('documents 503 read-models-behind on every query and the errors of the lists', () => {
    for (const { name, operation } of operations(document)) {
      if (name.startsWith('GET ') && !name.startsWith('GET /health'))
        expect([name, operation.responses?.['503']]).toEqual([name, expect.anything()]);
    }
    for (const path of ['/guarantees', '/bank-conventions', '/banks/{bankId}/conventions']) {
      const list = document.paths[path].get;
      expect(list.responses?.['400']).toBeDefined();
      const names = ((list as { parameters?: { name: string }[] }).parameters ?? []).map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['limit', 'cursor']));
    }
  });

  it('marks the routes kept for one release deprecated', () => {
    expect(document.paths['/proposals/{proposalId}/confirm'].post.deprecated).toBe(true);
    expect(document.paths['/proposals/{proposalId}/decline'].post.deprecated).toBe(true);
    expect(document.paths['/cofinancing/funds/{fundId}/approval-policy'].post.deprecated).toBe(true);
    expect(document.paths['/proposals/{proposalId}/confirmation'].post.deprecated).toBeFalsy();
  });

  it('generates a typed client that the committed client module compiles against', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-openapi-'));
    try {
      // openapi-typescript (an ES module jest cannot load) through its command line, as a client would.
      writeFileSync(join(folder, 'ledger-api.json'), JSON.stringify(document));
      execFileSync(
        process.execPath,
        [
          join(__dirname, '..', '..', 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
          join(folder, 'ledger-api.json'),
          '-o',
          join(folder, 'ledger-api.d.ts'),
        ],
        { stdio: 'pipe' },
      );
      copyFileSync(join(__dirname, 'typed-client.ts'), join(folder, 'typed-client.ts'));
      const problems = typeCheck(join(folder, 'typed-client.ts'));
      expect(problems).toEqual([]);

      // The same module with a field the document does not have fails: the check can fail.
      writeFileSync(
        join(folder, 'drifted.ts'),
        "import type { paths } from './ledger-api';\n" +
          "type Item = paths['/guarantees']['get']['responses']['200']['content']['application/json']['items'][number];\n" +
          'export const drifted = (item: Item): string => item.noSuchField;\n',
      );
      expect(typeCheck(join(folder, 'drifted.ts')).join('\n')).toMatch(/noSuchField/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/** Type-checks one file strictly, `openapi-fetch` resolved from the repository's node_modules. */
function typeCheck(file: string): string[] {
  const root = join(__dirname, '..', '..');
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    types: [],
    baseUrl: root,
    paths: { 'openapi-fetch': [join(root, 'node_modules', 'openapi-fetch', 'dist', 'index.d.ts')] },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
