import { defineAwsCheck } from '../../context.ts';
import type { Ec2InstanceAttributes } from '../../resources/ec2-compute.ts';
import { describeImds, imdsPosture } from './lib/compute-imds.ts';

export default defineAwsCheck<Ec2InstanceAttributes>({
  id: 'ec2_instance_imdsv2_enabled',
  service: 'ec2',
  title: 'EC2 instances require IMDSv2 or have the instance metadata service disabled',
  severity: 'high',
  resourceType: 'AwsEc2Instance',
  requires: ['metadataOptions'],
  categories: ['identity-access', 'secrets', 'ec2-imdsv1'],
  description:
    'Checks that every instance either requires session tokens for the instance metadata service (IMDSv2, HttpTokens "required") or has the metadata endpoint turned off.',
  risk:
    'IMDSv1 answers plain GET requests, so a server-side request forgery or an open proxy on the instance can be used to read the instance role credentials and use them from anywhere.',
  remediation: {
    recommendation:
      'Require IMDSv2 on the instance (after checking that its software uses a current SDK or sends tokens), and on launch templates and the account default so new instances start that way.',
    cli: 'aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled',
    terraform: 'resource "aws_instance" "app" {\n  # ...\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}',
    cloudformation:
      'LaunchTemplate:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      MetadataOptions:\n        HttpEndpoint: enabled\n        HttpTokens: required',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
  },
  evaluate(instance) {
    const m = instance.attributes.metadataOptions;
    return {
      status: imdsPosture(m) === 'v1-allowed' ? 'FAIL' : 'PASS',
      message: `EC2 instance ${instance.name} ${describeImds(m)}.`,
    };
  },
});
