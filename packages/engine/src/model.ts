/**
 * The data model shared by every provider, the CLI and the platform.
 * Resources are plain data so an inventory can be saved and evaluated again later.
 */

export const STATUSES = ['PASS', 'FAIL', 'MANUAL', 'ERROR'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Why an attribute could not be collected: the cloud's error code and message. */
export interface AttributeError {
  code: string;
  message: string;
}

/** A normalized cloud resource as produced by a collector. */
export interface Resource<A extends object = Record<string, unknown>> {
  provider: string;
  account: string;
  /** Region of the resource, or `global` for account-wide services (IAM, S3 listing…). */
  region: string;
  /** Resource type, e.g. `AwsIamUser` (the names of the AWS Security Finding Format). */
  type: string;
  /** Unique id: the ARN for AWS. */
  id: string;
  name: string;
  tags: Record<string, string>;
  attributes: A;
  /** Attributes that failed to collect, keyed by attribute name. */
  errors: Record<string, AttributeError>;
}

export interface Remediation {
  recommendation: string;
  cli?: string;
  terraform?: string;
  cloudformation?: string;
  console?: string;
  url?: string;
}

/** The metadata of a check, as carried by every finding and listed by `vigil checks list`. */
export interface CheckMetadata {
  id: string;
  provider: string;
  service: string;
  title: string;
  severity: Severity;
  resourceType: string;
  categories: string[];
  description: string;
  risk: string;
  remediation: Remediation;
}

export interface Finding {
  /** Stable id: a hash of check id and resource id, equal across scans. */
  id: string;
  checkId: string;
  status: Status;
  /** One sentence naming the resource and the fact that decided the status. */
  message: string;
  severity: Severity;
  check: CheckMetadata;
  provider: string;
  account: string;
  region: string;
  resource: {
    id: string;
    name: string;
    type: string;
    region: string;
    tags: Record<string, string>;
  };
  /** Framework id → requirement ids this check supports. */
  compliance: Record<string, string[]>;
  muted: boolean;
  muteReason?: string;
  /** For ERROR findings: the cloud error code(s) that prevented the evaluation. */
  errorCode?: string;
  timestamp: string;
}

export interface ScanStats {
  unitsTotal: number;
  unitsDone: number;
  apiCalls: number;
  throttles: number;
  retries: number;
  resources: number;
  findings: number;
  errors: number;
  startedAt: number;
}

export type ScanEvent =
  | { type: 'progress'; stats: ScanStats; unit?: string }
  | { type: 'resource'; resource: Resource }
  | { type: 'finding'; finding: Finding }
  | {
      type: 'error';
      unit: string;
      provider: string;
      account: string;
      region: string;
      service: string;
      resourceType: string;
      code: string;
      message: string;
    }
  | { type: 'skipped'; account: string; region: string; reason: string }
  | { type: 'warning'; message: string }
  | { type: 'done'; stats: ScanStats; summary: ScanSummary };

export interface ScanSummary {
  accounts: string[];
  regions: string[];
  byStatus: Record<Status, number>;
  mutedCount: number;
  durationMs: number;
}
