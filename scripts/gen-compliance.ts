/**
 * Regenerates packages/compliance/src/frameworks/*.json from the catalogue targets in
 * ../shared/catalog (CIS AWS 4.0 and AWS FSBP tables), keeping only check ids that Vigil
 * implements so every mapping points at a real check. Requirements whose checks are not
 * implemented yet stay in the framework with no checks (reported MANUAL).
 *
 *   node scripts/gen-compliance.ts [path/to/shared/catalog]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { awsChecks } from '@vigil/aws';
import type { Framework } from '@vigil/engine';

const root = resolve(import.meta.dirname, '..');
const catalog = resolve(process.argv[2] ?? join(root, '..', 'shared', 'catalog'));
const implemented = new Set(awsChecks.map((c) => c.id));

function rows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(catalog, file), 'utf8').trim().split('\n');
  const cols = (head ?? '').split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

const checksOf = (s: string | undefined) => (s ?? '').split(',').filter((id) => id && implemented.has(id));

const cis: Framework = {
  id: 'cis_4.0_aws',
  name: 'CIS Amazon Web Services Foundations Benchmark v4.0.1',
  version: '4.0.1',
  provider: 'aws',
  description: 'Configuration baseline for the security of AWS accounts published by the Center for Internet Security.',
  requirements: rows('cis-aws-4.0.tsv').map((r) => ({
    id: r.requirement_id as string,
    section: r.section as string,
    title: r.title as string,
    assessment: r.assessment === 'Manual' ? 'Manual' : 'Automated',
    checks: checksOf(r.check_ids),
  })),
};

const fsbp: Framework = {
  id: 'aws_foundational_security_best_practices_aws',
  name: 'AWS Foundational Security Best Practices',
  version: '1.0.0',
  provider: 'aws',
  description: 'Security controls from AWS Security Hub that detect deviations from security best practices.',
  requirements: rows('aws-fsbp.tsv').map((r) => ({
    id: r.requirement_id as string,
    section: r.section as string,
    title: `${r.section} control ${r.requirement_id}`,
    assessment: 'Automated',
    checks: checksOf(r.check_ids),
  })),
};

for (const fw of [cis, fsbp]) {
  const out = join(root, 'packages/compliance/src/frameworks', `${fw.id}.json`);
  writeFileSync(out, JSON.stringify(fw, null, 2) + '\n');
  const covered = fw.requirements.filter((r) => r.checks.length).length;
  console.log(`${fw.id}: ${fw.requirements.length} requirements, ${covered} with checks → ${out}`);
}
