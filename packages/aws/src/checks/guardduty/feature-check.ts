import type { Check, Remediation, Severity } from '@vigil/engine';
import { defineAwsCheck } from '../../context.ts';
import type { GuardDutyDataSources, GuardDutyDetectorAttributes } from '../../resources/guardduty.ts';

export interface FeatureCheckSpec {
  id: string;
  title: string;
  severity: Severity;
  categories?: string[];
  /** The protection plan's name in messages, e.g. "S3 Protection". */
  label: string;
  /** Feature names (GetDetector `Features`) any of which, when ENABLED, turns the protection on. */
  features: readonly string[];
  /** The legacy `DataSources` field to fall back on when `Features` does not list the plan. */
  dataSource?: keyof GuardDutyDataSources;
  description: string;
  risk: string;
  remediation: Remediation;
}

/**
 * A check that one GuardDuty protection plan is enabled on the region's detector. Regions
 * without a detector get no finding (`guardduty_is_enabled` reports them). A suspended
 * detector fails: its protection plans do not run. A detector that does not list the plan at
 * all (GetDetector omits plans a region does not offer) gets MANUAL, not a guessed status.
 */
export function defineGuardDutyFeatureCheck(spec: FeatureCheckSpec): Check {
  return defineAwsCheck<GuardDutyDetectorAttributes>({
    id: spec.id,
    service: 'guardduty',
    title: spec.title,
    severity: spec.severity,
    resourceType: 'AwsGuardDutyDetector',
    requires: ['detector'],
    categories: spec.categories ?? [],
    description: spec.description,
    risk: spec.risk,
    remediation: spec.remediation,
    appliesTo: (r) => (r.attributes.detectorIds?.length ?? 0) > 0,
    evaluate(r) {
      const d = r.attributes.detector;
      if (!d) return { status: 'FAIL', message: `${r.name} has no GuardDuty detector, so ${spec.label} is not active.` };
      if (d.status !== 'ENABLED') {
        return {
          status: 'FAIL',
          message: `${r.name}: detector ${d.id} is suspended, so ${spec.label} is not active.`,
        };
      }
      const statuses = spec.features.map((f) => d.features[f]?.status).filter((s): s is string => s !== undefined);
      const legacy = spec.dataSource ? d.dataSources?.[spec.dataSource] : undefined;
      if (statuses.includes('ENABLED') || (statuses.length === 0 && legacy === 'ENABLED')) {
        return { status: 'PASS', message: `${r.name}: detector ${d.id} has ${spec.label} enabled.` };
      }
      if (statuses.length === 0 && legacy === undefined) {
        return {
          status: 'MANUAL',
          message: `${r.name}: detector ${d.id} does not report ${spec.label} (the plan may not be offered in this region); review it in the GuardDuty console.`,
        };
      }
      return { status: 'FAIL', message: `${r.name}: detector ${d.id} has ${spec.label} disabled.` };
    },
  });
}
