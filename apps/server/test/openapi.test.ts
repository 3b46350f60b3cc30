import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../src/testing/index.ts';
import type { TestApp } from '../src/testing/index.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, { description?: string }>;
}
interface Document {
  openapi: string;
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

// The document does not depend on the database engine: one engine is enough.
describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, op]) => ({ path, method, op })),
    );

  beforeAll(async () => {
    t = await createTestApp('pglite');
    const r = await t.app.inject({ url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    doc = r.json() as Document;
  }, 60_000);
  afterAll(() => t?.close());

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('documents every registered route, and only registered routes', async () => {
    const registered = new Set<string>();
    const missing: string[] = [];
    for (const r of t.app.routeList) {
      if (r.hidden || r.method === 'HEAD') continue;
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      registered.add(`${r.method.toLowerCase()} ${path}`);
      if (!doc.paths[path]?.[r.method.toLowerCase()]) missing.push(`${r.method} ${path}`);
    }
    expect(missing).toEqual([]);
    const stale = operations()
      .map(({ method, path }) => `${method} ${path}`)
      .filter((k) => !registered.has(k));
    expect(stale).toEqual([]);
    expect(operations().length).toBeGreaterThan(30);
    expect(doc.paths['/api/v1/findings']?.post).toBeDefined();
  });

  it('declares every path parameter, as required', () => {
    const wrong: string[] = [];
    for (const { path, method, op } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      if (JSON.stringify(declared.map((p) => p.name).sort()) !== JSON.stringify(inPath)) wrong.push(`${method} ${path}: declared ${declared.map((p) => p.name)}`);
      for (const p of declared) if (p.required !== true) wrong.push(`${method} ${path}: {${p.name}} not required`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives every operation tags, a summary, a success response, and 401 when it needs credentials', () => {
    const wrong: string[] = [];
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      if (!op.tags?.length) wrong.push(`${where}: no tags`);
      if (!op.summary) wrong.push(`${where}: no summary`);
      const codes = Object.keys(op.responses ?? {});
      if (!codes.some((c) => /^[23]\d\d$/.test(c))) wrong.push(`${where}: no success response`);
      for (const c of codes) if (!op.responses?.[c]?.description) wrong.push(`${where}: response ${c} without description`);
      const security = op.security ?? doc.security ?? [];
      const anonymous = security.length === 0 || security.some((s) => Object.keys(s).length === 0);
      if (!anonymous && !codes.includes('401')) wrong.push(`${where}: needs credentials but documents no 401`);
    }
    expect(wrong).toEqual([]);
  });
});
