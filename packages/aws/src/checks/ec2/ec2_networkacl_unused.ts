import { defineAwsCheck } from '../../context.ts';
import type { NetworkAclAttributes } from '../../resources/ec2-network.ts';

export default defineAwsCheck<NetworkAclAttributes>({
  id: 'ec2_networkacl_unused',
  service: 'ec2',
  title: 'Network ACL is associated with at least one subnet',
  severity: 'low',
  resourceType: 'AwsEc2NetworkAcl',
  requires: ['isDefault', 'vpcId', 'associatedSubnetIds'],
  categories: ['trust-boundaries'],
  description:
    'Checks that each custom network ACL is associated with a subnet. Default network ACLs, which cannot be deleted, ' +
    'are skipped.',
  risk:
    'Unassociated ACLs protect nothing yet look like controls: they mislead reviews and may be associated later ' +
    'with rules nobody has maintained.',
  remediation: {
    recommendation: 'Associate the network ACL with the subnets it was meant to protect, or delete it.',
    cli: 'aws ec2 delete-network-acl --network-acl-id <acl-id>',
    console: 'VPC console → Network ACLs → select the ACL → Subnet associations, or Actions → Delete network ACLs.',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/network-acls.html',
  },
  appliesTo: (acl) => acl.attributes.isDefault !== true,
  evaluate(acl) {
    const subnets = acl.attributes.associatedSubnetIds;
    const label = `Network ACL ${acl.name} of ${acl.attributes.vpcId}`;
    return subnets.length > 0
      ? { status: 'PASS', message: `${label} is associated with ${subnets.length} subnet(s).` }
      : { status: 'FAIL', message: `${label} is not associated with any subnet.` };
  },
});
