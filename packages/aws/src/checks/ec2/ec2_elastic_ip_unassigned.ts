import { defineAwsCheck } from '../../context.ts';
import type { Ec2EipAttributes } from '../../resources/ec2-compute.ts';

export default defineAwsCheck<Ec2EipAttributes>({
  id: 'ec2_elastic_ip_unassigned',
  service: 'ec2',
  title: 'Elastic IP addresses are associated with a resource',
  severity: 'low',
  resourceType: 'AwsEc2Eip',
  requires: ['associationId', 'instanceId', 'networkInterfaceId'],
  categories: ['internet-exposed'],
  description: 'Checks that every allocated Elastic IP address is associated with an instance or a network interface.',
  risk:
    'An idle Elastic IP is billed every hour, is easily forgotten in DNS records or allow-lists, and can later be attached to an unintended resource that then inherits the trust given to that address.',
  remediation: {
    recommendation: 'Associate the address with the resource that needs it, or release it (after removing it from DNS records and allow-lists).',
    cli: 'aws ec2 release-address --allocation-id <allocation-id>',
    console: 'EC2 console → Network & Security → Elastic IPs → select the address → Actions → Release Elastic IP address.',
    url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/working-with-eips.html',
  },
  evaluate(eip) {
    const a = eip.attributes;
    if (a.associationId || a.instanceId || a.networkInterfaceId) {
      const target = a.instanceId ?? a.networkInterfaceId ?? a.associationId;
      return { status: 'PASS', message: `Elastic IP ${eip.name} is associated with ${target}.` };
    }
    return { status: 'FAIL', message: `Elastic IP ${eip.name} is not associated with any resource.` };
  },
});
