import { defineAwsCheck } from '../../context.ts';
import type { Ec2LaunchTemplateAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2LaunchTemplateAttributes>({
  id: 'ec2_launch_template_no_public_ip',
  service: 'ec2',
  title: 'Launch templates do not assign public IP addresses',
  severity: 'high',
  resourceType: 'AwsEc2LaunchTemplate',
  requires: ['versions'],
  categories: ['internet-exposed'],
  description:
    'Checks that no network interface in the default or latest version of a launch template asks for a public IPv4 address (AssociatePublicIpAddress).',
  risk:
    'Every instance launched from the template becomes directly reachable from the internet, so a permissive security group or a vulnerable service is exposed at scale.',
  remediation: {
    recommendation: 'Create a template version whose network interfaces do not associate a public IP, launch into private subnets, and publish services through a load balancer.',
    cli: 'aws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <version> --launch-template-data \'{"NetworkInterfaces":[{"DeviceIndex":0,"AssociatePublicIpAddress":false}]}\'',
    terraform: 'resource "aws_launch_template" "app" {\n  # ...\n  network_interfaces {\n    associate_public_ip_address = false\n  }\n}',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html',
  },
  evaluate(template) {
    const versions = template.attributes.versions;
    if (versions === null) return { status: 'PASS', message: `Launch template ${template.name} was deleted during the scan.` };
    const publicVersions = versions.filter((v) => v.associatePublicIpAddress).map((v) => v.versionNumber);
    return publicVersions.length
      ? { status: 'FAIL', message: `Launch template ${template.name} assigns a public IP address in version ${publicVersions.join(', ')}.` }
      : { status: 'PASS', message: `Launch template ${template.name} does not assign public IP addresses.` };
  },
});
