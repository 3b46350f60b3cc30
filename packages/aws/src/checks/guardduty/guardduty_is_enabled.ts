import { defineAwsCheck } from '../../context.ts';
import type { GuardDutyDetectorAttributes } from '../../resources/guardduty.ts';

export default defineAwsCheck<GuardDutyDetectorAttributes>({
  id: 'guardduty_is_enabled',
  service: 'guardduty',
  title: 'GuardDuty has an enabled detector in the region',
  severity: 'high',
  resourceType: 'AwsGuardDutyDetector',
  requires: ['detector'],
  categories: ['forensics-ready'],
  description:
    'Checks, in every scanned region, that Amazon GuardDuty has a detector and that the detector is not suspended.',
  risk:
    'Without GuardDuty, credential misuse, cryptomining, reconnaissance and traffic to known-malicious hosts in the region go unnoticed; attackers often choose regions nobody watches.',
  remediation: {
    recommendation:
      'Enable GuardDuty in every region, ideally for the whole organization from a delegated administrator account so new accounts are covered automatically.',
    cli: 'aws guardduty create-detector --enable --region <region>\n# suspended detector:\naws guardduty update-detector --detector-id <id> --enable --region <region>',
    terraform: 'resource "aws_guardduty_detector" "this" {\n  enable = true\n}',
    cloudformation: 'Detector:\n  Type: AWS::GuardDuty::Detector\n  Properties:\n    Enable: true',
    console: 'GuardDuty console (in each region) → Get started → Enable GuardDuty.',
    url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
  },
  evaluate(r) {
    const d = r.attributes.detector;
    if (!d) return { status: 'FAIL', message: `${r.name} has no detector: GuardDuty is not enabled in the region.` };
    if (d.status !== 'ENABLED') return { status: 'FAIL', message: `${r.name}: detector ${d.id} is suspended.` };
    return { status: 'PASS', message: `${r.name}: detector ${d.id} is enabled.` };
  },
});
