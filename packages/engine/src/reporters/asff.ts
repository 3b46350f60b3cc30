import type { Finding, Severity } from '../model.ts';
import type { ProductInfo } from './ocsf.ts';

const LABEL: Record<Severity, string> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

const COMPLIANCE: Record<Finding['status'], string> = {
  PASS: 'PASSED',
  FAIL: 'FAILED',
  MANUAL: 'WARNING',
  ERROR: 'NOT_AVAILABLE',
};

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/**
 * One finding in the AWS Security Finding Format, importable with Security Hub's
 * BatchImportFindings into the scanned account (product `<account>/default`).
 */
export function toAsff(f: Finding, product: ProductInfo, homeRegion: string): Record<string, unknown> {
  const region = f.region === 'global' || f.region === 'inventory' ? homeRegion : f.region;
  const partition = f.resource.id.startsWith('arn:') ? (f.resource.id.split(':')[1] ?? 'aws') : 'aws';
  const requirements = Object.entries(f.compliance).flatMap(([fw, reqs]) => reqs.map((r) => `${fw} ${r}`));
  const tags = Object.fromEntries(Object.entries(f.resource.tags).slice(0, 50));
  return {
    SchemaVersion: '2018-10-08',
    Id: `vigil-${f.checkId}-${f.account}-${region}-${f.id}`,
    ProductArn: `arn:${partition}:securityhub:${region}:${f.account}:product/${f.account}/default`,
    ProductName: product.name,
    CompanyName: product.name,
    RecordState: 'ACTIVE',
    ProductFields: { ProviderName: product.name, ProviderVersion: product.version, CheckId: f.checkId },
    GeneratorId: `vigil-${f.checkId}`,
    AwsAccountId: f.account,
    Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    FirstObservedAt: f.timestamp,
    UpdatedAt: f.timestamp,
    CreatedAt: f.timestamp,
    Severity: { Label: LABEL[f.severity] },
    Title: clip(f.check.title, 256),
    Description: clip(f.message, 1024),
    Resources: [
      {
        Type: f.resource.type,
        Id: f.resource.id,
        Partition: partition,
        Region: region,
        ...(Object.keys(tags).length ? { Tags: tags } : {}),
      },
    ],
    Compliance: {
      Status: COMPLIANCE[f.status],
      ...(requirements.length ? { RelatedRequirements: requirements.slice(0, 32) } : {}),
    },
    Remediation: {
      Recommendation: {
        Text: clip(f.check.remediation.recommendation, 512),
        ...(f.check.remediation.url ? { Url: f.check.remediation.url } : {}),
      },
    },
    Workflow: { Status: f.muted ? 'SUPPRESSED' : f.status === 'PASS' ? 'RESOLVED' : 'NEW' },
  };
}
