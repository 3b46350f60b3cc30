import { defineAwsCheck } from '../../context.ts';
import type { GuardDutyDetectorAttributes } from '../../resources/guardduty.ts';

export default defineAwsCheck<GuardDutyDetectorAttributes>({
  id: 'guardduty_no_high_severity_findings',
  service: 'guardduty',
  title: 'GuardDuty has no open high or critical severity findings',
  severity: 'high',
  resourceType: 'AwsGuardDutyDetector',
  requires: ['highSeverityFindings'],
  categories: [],
  description:
    'Checks that the GuardDuty detector of the region has no current (non-archived) findings of severity 7.0 or higher, that is High or Critical.',
  risk:
    'A High or Critical GuardDuty finding usually means a resource is compromised or actively attacked (for example an instance talking to a command-and-control server or credentials used from an unusual network). Left open, the attacker keeps that foothold.',
  remediation: {
    recommendation:
      'Investigate every High and Critical finding, contain the affected resource, then archive the finding; use suppression rules only for findings confirmed to be expected behaviour.',
    cli: 'aws guardduty list-findings --detector-id <id> --finding-criteria \'{"Criterion":{"severity":{"GreaterThanOrEqual":7},"service.archived":{"Equals":["false"]}}}\'',
    console: 'GuardDuty console → Findings → filter Severity: High and Critical → investigate, remediate and archive.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_remediate.html',
  },
  appliesTo: (r) => (r.attributes.detectorIds?.length ?? 0) > 0,
  evaluate(r) {
    const f = r.attributes.highSeverityFindings;
    const count = f?.count ?? 0;
    if (count === 0) return { status: 'PASS', message: `${r.name} has no open high or critical severity findings.` };
    const sample = f?.sampleIds.slice(0, 3).join(', ') ?? '';
    return {
      status: 'FAIL',
      message: `${r.name} has ${count} open high or critical severity finding${count === 1 ? '' : 's'} (e.g. ${sample}).`,
    };
  },
});
