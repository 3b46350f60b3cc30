import { defineAwsCheck } from '../../context.ts';
import type { Ec2RegionalSettingsAttributes } from '../../resources/ec2-compute.ts';
import { imdsPosture } from './lib/compute-imds.ts';

export default defineAwsCheck<Ec2RegionalSettingsAttributes>({
  id: 'ec2_instance_account_imdsv2_enabled',
  service: 'ec2',
  title: 'The account default for new EC2 instances requires IMDSv2 in every region',
  severity: 'high',
  resourceType: 'AwsEc2RegionalSettings',
  requires: ['instanceMetadataDefaults'],
  categories: ['secrets', 'ec2-imdsv1'],
  description:
    'Checks, region by region, that the account-level instance metadata defaults require IMDSv2 (HttpTokens "required") or disable the metadata endpoint, so instances launched without explicit metadata options do not get IMDSv1.',
  risk:
    'Without an account default, every instance launched by a tool, template or person that omits the metadata options inherits IMDSv1 (unless the AMI demands v2), reopening the path to steal role credentials through SSRF.',
  remediation: {
    recommendation:
      'Set the account-level instance metadata defaults to require IMDSv2 in every region you use; it applies to instances launched afterwards.',
    cli: 'aws ec2 modify-instance-metadata-defaults --http-tokens required --http-put-response-hop-limit 2 --region <region>',
    console: 'EC2 console → Settings (Data protection and security) → IMDS defaults → Manage → Metadata version: V2 only (token required).',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
  },
  evaluate(settings) {
    const d = settings.attributes.instanceMetadataDefaults;
    switch (imdsPosture(d)) {
      case 'v2-required':
        return { status: 'PASS', message: `The instance metadata default in ${settings.name} requires IMDSv2.` };
      case 'endpoint-disabled':
        return { status: 'PASS', message: `The instance metadata default in ${settings.name} disables the metadata endpoint.` };
      default:
        return {
          status: 'FAIL',
          message: d.httpTokens
            ? `The instance metadata default in ${settings.name} allows IMDSv1 (HttpTokens ${d.httpTokens}).`
            : `No account-level instance metadata default requiring IMDSv2 is set in ${settings.name}.`,
        };
    }
  },
});
