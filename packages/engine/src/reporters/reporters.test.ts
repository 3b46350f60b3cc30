import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Framework } from '../compliance.ts';
import type { Finding, ScanSummary } from '../model.ts';
import { makeFinding } from '../finding.ts';
import { bucket, bucketEncrypted } from '../testing/fixtures.test-helpers.ts';
import { csvField } from './csv.ts';
import { toAsff } from './asff.ts';
import { toOcsf } from './ocsf.ts';
import { ReportWriter } from './writer.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading nested report JSON in assertions
type Json = Record<string, any>;
const product = { name: 'Vigil', version: '0.0.0-test' };
const deco = { timestamp: '2026-11-01T00:00:00.000Z', compliance: () => ({ cis_test: ['2.1'] }) };
const fail = makeFinding(bucketEncrypted, { ...bucket('a, "quoted"\nbucket'), tags: { team: 'x' } }, 'FAIL', 'Bucket a is not encrypted.', deco);
const muted: Finding = { ...makeFinding(bucketEncrypted, bucket('m'), 'FAIL', 'Bucket m is not encrypted.', deco), muted: true, muteReason: 'ok' };
const pass = makeFinding(bucketEncrypted, bucket('p'), 'PASS', 'Bucket p is encrypted.', deco);
const error = makeFinding(bucketEncrypted, bucket('e'), 'ERROR', 'Bucket e could not be evaluated.', deco, 'AccessDenied');
const summary: ScanSummary = {
  accounts: ['111111111111'],
  regions: ['us-east-1'],
  byStatus: { PASS: 1, FAIL: 2, MANUAL: 0, ERROR: 1 },
  mutedCount: 1,
  durationMs: 10,
};
const framework: Framework = {
  id: 'cis_test',
  name: 'Test framework',
  version: '1',
  provider: 'test',
  description: '',
  requirements: [
    { id: '2.1', section: '2', title: 'Encrypt', assessment: 'Automated', checks: ['test_bucket_encrypted'] },
    { id: '2.2', section: '2', title: 'Review', assessment: 'Manual', checks: [] },
  ],
};

describe('csv', () => {
  it('quotes per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});

describe('ocsf', () => {
  it('maps a finding to a Detection Finding', () => {
    const o = toOcsf(fail, product) as Json;
    expect(o.class_uid).toBe(2004);
    expect(o.metadata.event_code).toBe('test_bucket_encrypted');
    expect(o.status_code).toBe('FAIL');
    expect(o.status).toBe('New');
    expect(o.severity_id).toBe(4);
    expect(o.resources[0].uid).toBe(fail.resource.id);
    expect(o.unmapped.compliance).toEqual({ cis_test: ['2.1'] });
    expect((toOcsf(muted, product) as Json).status).toBe('Suppressed');
  });
});

describe('asff', () => {
  it('maps a finding to the Security Finding Format', () => {
    const a = toAsff(fail, product, 'us-east-1') as Json;
    expect(a.SchemaVersion).toBe('2018-10-08');
    expect(a.ProductArn).toBe('arn:aws:securityhub:us-east-1:111111111111:product/111111111111/default');
    expect(a.Compliance.Status).toBe('FAILED');
    expect(a.Severity.Label).toBe('HIGH');
    expect((toAsff(muted, product, 'us-east-1') as Json).Workflow.Status).toBe('SUPPRESSED');
  });
});

describe('ReportWriter', () => {
  it('writes every format and the compliance CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    const w = new ReportWriter({ formats: ['csv', 'json-ocsf', 'json-asff', 'html'], directory: dir, filename: 'r', product, frameworks: [framework] });
    for (const f of [fail, muted, pass, error]) w.add(f);
    const { files, compliance } = w.finish(summary, '2026-11-01T00:00:00Z');
    expect(readdirSync(dir).sort()).toEqual(['r.asff.json', 'r.csv', 'r.html', 'r.ocsf.json', 'r_cis_test.csv']);
    expect(files).toHaveLength(5);
    const ocsf = JSON.parse(readFileSync(join(dir, 'r.ocsf.json'), 'utf8'));
    expect(ocsf).toHaveLength(4);
    const csv = readFileSync(join(dir, 'r.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(5);
    expect(csv).toContain('"a, ""quoted""\nbucket"');
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('Bucket a is not encrypted.');
    expect(html).not.toContain('<script src');
    expect(compliance[0]?.results.map((r) => r.status)).toEqual(['FAIL', 'MANUAL']);
    const cmp = readFileSync(join(dir, 'r_cis_test.csv'), 'utf8');
    expect(cmp).toContain('cis_test,2.1,2,Encrypt,Automated,FAIL,1,1,1,0,1,test_bucket_encrypted');
  });

  it('leaves no partial files when aborted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    const w = new ReportWriter({ formats: ['csv', 'json-ocsf'], directory: dir, filename: 'r', product });
    w.add(fail);
    w.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
