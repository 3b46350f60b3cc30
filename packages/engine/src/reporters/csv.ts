import type { Finding } from '../model.ts';

export const CSV_COLUMNS = [
  'timestamp',
  'finding_id',
  'provider',
  'account',
  'region',
  'check_id',
  'check_title',
  'service',
  'severity',
  'status',
  'status_extended',
  'muted',
  'mute_reason',
  'error_code',
  'resource_uid',
  'resource_name',
  'resource_type',
  'resource_tags',
  'categories',
  'description',
  'risk',
  'remediation_recommendation',
  'remediation_cli',
  'remediation_url',
  'compliance',
] as const;

/** One field quoted per RFC 4180 when it holds a comma, quote, CR or LF. */
export function csvField(value: unknown): string {
  const s = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function csvHeader(): string {
  return csvRow(CSV_COLUMNS);
}

export function findingCsvRow(f: Finding): string {
  return csvRow([
    f.timestamp,
    f.id,
    f.provider,
    f.account,
    f.region,
    f.checkId,
    f.check.title,
    f.check.service,
    f.severity,
    f.status,
    f.message,
    f.muted,
    f.muteReason ?? '',
    f.errorCode ?? '',
    f.resource.id,
    f.resource.name,
    f.resource.type,
    Object.entries(f.resource.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join(' | '),
    f.check.categories.join(' | '),
    f.check.description,
    f.check.risk,
    f.check.remediation.recommendation,
    f.check.remediation.cli ?? '',
    f.check.remediation.url ?? '',
    Object.entries(f.compliance)
      .map(([fw, reqs]) => `${fw}: ${reqs.join(' ')}`)
      .join(' | '),
  ]);
}
