import { defineAwsCheck } from '../../context.ts';
import type { Ec2LaunchTemplateAttributes } from '../../resources/ec2-compute.ts';
import { imdsPosture } from './lib/compute-imds.ts';

export default defineAwsCheck<Ec2LaunchTemplateAttributes>({
  id: 'ec2_launch_template_imdsv2_required',
  service: 'ec2',
  title: 'Launch templates require IMDSv2 in their default and latest versions',
  severity: 'high',
  resourceType: 'AwsEc2LaunchTemplate',
  requires: ['versions'],
  categories: ['secrets'],
  description:
    'Checks that the default and the latest version of every launch template (the versions used when a caller names none) set HttpTokens to "required" or disable the metadata endpoint.',
  risk:
    'Every instance started from the template (often by Auto Scaling, hundreds at a time) gets IMDSv1 unless an account default or the AMI says otherwise, exposing role credentials to SSRF.',
  remediation: {
    recommendation: 'Create a new template version with metadata options HttpTokens=required, make it the default, and roll the groups that use the template.',
    cli: 'aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <version> --launch-template-data \'{"MetadataOptions":{"HttpTokens":"required","HttpEndpoint":"enabled"}}\'\naws ec2 modify-launch-template --launch-template-id <lt-id> --default-version <new-version>',
    terraform: 'resource "aws_launch_template" "app" {\n  # ...\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}',
    cloudformation: 'LaunchTemplateData:\n  MetadataOptions:\n    HttpEndpoint: enabled\n    HttpTokens: required',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
  },
  evaluate(template) {
    const versions = template.attributes.versions;
    if (versions === null) return { status: 'PASS', message: `Launch template ${template.name} was deleted during the scan.` };
    const weak = versions.filter((v) => imdsPosture(v.metadataOptions) === 'v1-allowed').map((v) => v.versionNumber);
    return weak.length
      ? { status: 'FAIL', message: `Launch template ${template.name} does not require IMDSv2 in version ${weak.join(', ')}.` }
      : { status: 'PASS', message: `Launch template ${template.name} requires IMDSv2 (or disables IMDS) in its default and latest versions.` };
  },
});
