import { defineAwsCheck } from '../../context.ts';
import type { Ec2RegionalSettingsAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2RegionalSettingsAttributes>({
  id: 'ec2_ebs_snapshot_account_block_public_access',
  service: 'ec2',
  title: 'Block public access for EBS snapshots blocks all public sharing in every region',
  severity: 'high',
  resourceType: 'AwsEc2RegionalSettings',
  requires: ['snapshotBlockPublicAccessState'],
  categories: ['internet-exposed'],
  description:
    "Checks, region by region, that block public access for EBS snapshots is in the 'block-all-sharing' state, which stops every snapshot of the region from being public, including those shared before the setting was turned on.",
  risk:
    "When the setting is 'unblocked' anyone with snapshot permissions can make a disk image public in one call; 'block-new-sharing' still leaves snapshots that were already public exposed.",
  remediation: {
    recommendation: "Enable block public access for EBS snapshots with the 'block-all-sharing' state in every region you use.",
    cli: 'aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region <region>',
    terraform: 'resource "aws_ebs_snapshot_block_public_access" "this" {\n  state = "block-all-sharing"\n}',
    console: 'EC2 console → Settings (Data protection and security) → Block public access for EBS snapshots → Manage → Block all public access.',
    url: 'https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html',
  },
  evaluate(settings) {
    const state = settings.attributes.snapshotBlockPublicAccessState;
    if (state === 'block-all-sharing') {
      return { status: 'PASS', message: `Block public access for EBS snapshots blocks all public sharing in ${settings.name}.` };
    }
    if (state === 'block-new-sharing') {
      return {
        status: 'FAIL',
        message: `Block public access for EBS snapshots in ${settings.name} only blocks new sharing; snapshots already public stay public.`,
      };
    }
    return { status: 'FAIL', message: `Block public access for EBS snapshots is not enabled in ${settings.name} (state ${state}).` };
  },
});
