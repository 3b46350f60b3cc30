import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../src/io.ts';
import { main } from '../src/main.ts';
import { tempDir } from './env.ts';

const root = resolve(import.meta.dirname, '../../..');
const example = join(root, 'examples/inventory.json');
const NOW = '2026-11-01T12:00:00Z';

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

interface Ocsf {
  class_uid: number;
  status_code: string;
  status: string;
  severity_id: number;
  time: number;
  message: string;
  metadata: { event_code: string; version: string; product: { name: string } };
  finding_info: { uid: string; title: string };
  resources: { uid: string; type: string; region: string }[];
  cloud: { provider: string; account: { uid: string } };
  unmapped: { compliance: Record<string, string[]> };
}

async function vigil(args: string[]) {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('vigil scan aws --from-inventory examples/inventory.json', () => {
  it('writes reports whose content matches the findings, and exits 3', async () => {
    const dir = tempDir();
    const r = await vigil(['scan', 'aws', '--from-inventory', example, '-o', dir, '-F', 'ex', '-M', 'csv', 'json-ocsf', 'json-asff', 'html', '--now', NOW]);
    expect(r.code).toBe(3);
    const ocsf = JSON.parse(readFileSync(join(dir, 'ex.ocsf.json'), 'utf8')) as Ocsf[];
    expect(ocsf.length).toBeGreaterThan(200);
    for (const f of ocsf) {
      expect(f.class_uid).toBe(2004);
      expect(f.metadata.event_code).toMatch(/^[a-z0-9_]+$/);
      expect(['PASS', 'FAIL', 'MANUAL', 'ERROR']).toContain(f.status_code);
      expect(f.severity_id).toBeGreaterThanOrEqual(1);
      expect(f.time).toBe(Date.parse(NOW));
      expect(f.finding_info.uid).toMatch(/^[0-9a-f]{32}$/);
      expect(f.resources[0]?.uid).toBeTruthy();
      expect(f.cloud.account.uid).toBe('123456789012');
      expect(f.unmapped.compliance).toBeTypeOf('object');
    }
    const statuses = new Set(ocsf.map((f) => f.status_code));
    expect([...statuses].sort()).toEqual(['ERROR', 'FAIL', 'MANUAL', 'PASS']);
    expect(ocsf.some((f) => f.unmapped.compliance['cis_4.0_aws']?.length)).toBe(true);

    const csv = parseCsv(readFileSync(join(dir, 'ex.csv'), 'utf8'));
    expect(csv[0]?.[0]).toBe('timestamp');
    expect(csv.length - 1).toBe(ocsf.length);
    const statusCol = csv[0]?.indexOf('status') ?? -1;
    expect(csv.slice(1).filter((row) => row[statusCol] === 'FAIL').length).toBe(ocsf.filter((f) => f.status_code === 'FAIL').length);

    const asff = JSON.parse(readFileSync(join(dir, 'ex.asff.json'), 'utf8')) as { SchemaVersion: string; AwsAccountId: string }[];
    expect(asff).toHaveLength(ocsf.length);
    expect(asff.every((a) => a.SchemaVersion === '2018-10-08' && a.AwsAccountId === '123456789012')).toBe(true);

    const html = readFileSync(join(dir, 'ex.html'), 'utf8');
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    for (const f of ocsf.filter((x) => x.status_code === 'FAIL')) {
      expect(html).toContain(escape(f.message));
    }
    expect(r.out).toContain('High and critical failures');
    expect(r.out).toContain('Fix:');
    expect(r.out).toContain(join(dir, 'ex.html'));
  });

  it('writes the CIS requirement report with --compliance', async () => {
    const dir = tempDir();
    const r = await vigil(['scan', 'aws', '--from-inventory', example, '-o', dir, '-F', 'cis', '--compliance', 'cis_4.0_aws', '-M', 'csv']);
    expect(r.code).toBe(3);
    const rows = parseCsv(readFileSync(join(dir, 'cis_cis_4.0_aws.csv'), 'utf8'));
    expect(rows.length - 1).toBe(64);
    const status = (id: string) => rows.find((row) => row[1] === id)?.[5];
    expect(status('1.1')).toBe('MANUAL');
    expect(['PASS', 'FAIL', 'ERROR']).toContain(status('1.4'));
    expect(r.out).toContain('Compliance: CIS Amazon Web Services Foundations Benchmark');
  });

  it('marks findings muted with the example mutelist and keeps their status', async () => {
    const dir = tempDir();
    await vigil(['scan', 'aws', '--from-inventory', example, '-o', dir, '-F', 'm', '-M', 'json-ocsf', '-w', join(root, 'examples/mutelist.yaml')]);
    const ocsf = JSON.parse(readFileSync(join(dir, 'm.ocsf.json'), 'utf8')) as Ocsf[];
    const muted = ocsf.filter((f) => f.status === 'Suppressed');
    expect(muted.length).toBeGreaterThan(0);
    expect(muted.every((f) => f.status_code === 'FAIL' || f.status_code === 'PASS')).toBe(true);
  });

  it('saves an inventory that evaluates to the same findings, without the secrets it read', async () => {
    const dir = tempDir();
    const saved = join(dir, 'copy.json.gz');
    await vigil(['scan', 'aws', '--from-inventory', example, '-o', dir, '-F', 'a', '-M', 'json-ocsf', '--save-inventory', saved]);
    await vigil(['scan', 'aws', '--from-inventory', saved, '-o', dir, '-F', 'b', '-M', 'json-ocsf']);
    const read = (name: string) =>
      new Map((JSON.parse(readFileSync(join(dir, name), 'utf8')) as Ocsf[]).map((f) => [f.finding_info.uid, f]));
    const [a, b] = [read('a.ocsf.json'), read('b.ocsf.json')];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const SECRET_CHECKS = ['awslambda_function_no_secrets_in_variables', 'ec2_instance_secrets_user_data', 'ec2_launch_template_no_secrets'];
    let redacted = 0;
    for (const [id, before] of a) {
      const after = b.get(id) as Ocsf;
      if (SECRET_CHECKS.includes(before.metadata.event_code) && before.status_code !== 'ERROR') {
        // User data and environment values are not saved: those checks cannot be re-evaluated.
        expect(after.status_code).toBe('ERROR');
        expect(after.message).toContain('Redacted');
        redacted++;
      } else {
        expect(`${after.metadata.event_code} ${after.status_code}`).toBe(`${before.metadata.event_code} ${before.status_code}`);
      }
    }
    expect(redacted).toBeGreaterThan(0);
    const text = (await import('node:zlib')).gunzipSync(readFileSync(saved)).toString('utf8');
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('runs as a command and exits 3 on failures', async () => {
    const dir = tempDir();
    const run = promisify(execFile);
    const err = await run(process.execPath, [join(root, 'apps/cli/bin/vigil.js'), 'scan', 'aws', '--from-inventory', example, '-o', dir, '-q']).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect((err as { code: number }).code).toBe(3);
    expect((err as { stdout: string }).stdout).toContain('findings:');
  });

  it('explains a broken mutelist or inventory file (exit 1)', async () => {
    const dir = tempDir();
    const r1 = await vigil(['scan', 'aws', '--from-inventory', join(dir, 'nope.json')]);
    expect(r1.code).toBe(1);
    expect(r1.err).toMatch(/Cannot read inventory file/);
    const r2 = await vigil(['scan', 'aws', '--from-inventory', example, '-w', join(root, 'README.md')]);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/Mutelist file .*README.md/);
  });
});
