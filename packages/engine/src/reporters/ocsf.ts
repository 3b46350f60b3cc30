import type { Finding, Severity } from '../model.ts';

export const OCSF_VERSION = '1.4.0';

const SEVERITY_ID: Record<Severity, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export interface ProductInfo {
  name: string;
  version: string;
}

/** One finding as an OCSF Detection Finding (class 2004). */
export function toOcsf(f: Finding, product: ProductInfo): Record<string, unknown> {
  const time = Date.parse(f.timestamp);
  const references = [f.check.remediation.url, f.check.remediation.cli, f.check.remediation.console].filter(
    (x): x is string => Boolean(x),
  );
  return {
    metadata: {
      event_code: f.checkId,
      product: { name: product.name, vendor_name: product.name, version: product.version, uid: 'vigil' },
      profiles: ['cloud', 'datetime'],
      tenant_uid: '',
      version: OCSF_VERSION,
    },
    severity_id: SEVERITY_ID[f.severity],
    severity: SEVERITY_NAME[f.severity],
    status: f.muted ? 'Suppressed' : 'New',
    status_id: f.muted ? 3 : 1,
    status_code: f.status,
    status_detail: f.message,
    message: f.message,
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2004,
    class_name: 'Detection Finding',
    type_uid: 200401,
    type_name: 'Detection Finding: Create',
    time,
    time_dt: f.timestamp,
    finding_info: {
      uid: f.id,
      title: f.check.title,
      desc: f.check.description,
      types: f.check.categories,
      created_time: time,
      created_time_dt: f.timestamp,
    },
    resources: [
      {
        uid: f.resource.id,
        name: f.resource.name,
        type: f.resource.type,
        region: f.resource.region,
        cloud_partition: f.resource.id.startsWith('arn:') ? f.resource.id.split(':')[1] : undefined,
        labels: Object.entries(f.resource.tags).map(([k, v]) => `${k}:${v}`),
        group: { name: f.check.service },
        data: { details: '' },
      },
    ],
    cloud: {
      provider: f.provider.toUpperCase(),
      region: f.region,
      account: { uid: f.account, type: 'AWS Account', type_id: 10 },
    },
    remediation: { desc: f.check.remediation.recommendation, references },
    risk_details: f.check.risk,
    unmapped: {
      compliance: f.compliance,
      categories: f.check.categories,
      muted: f.muted,
      mute_reason: f.muteReason,
      error_code: f.errorCode,
    },
  };
}
