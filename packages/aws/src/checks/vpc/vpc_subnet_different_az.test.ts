import { testCheck, withError } from '../../testing/index.ts';
import { subnet } from '../ec2/lib/network-fixtures.ts';
import check from './vpc_subnet_different_az.ts';

const a = subnet({ subnetId: 'subnet-a', availabilityZone: 'us-east-1a' });
const b = subnet({ subnetId: 'subnet-b', availabilityZone: 'us-east-1b' });
const a2 = subnet({ subnetId: 'subnet-a2', availabilityZone: 'us-east-1a' });
const otherVpc = subnet({ subnetId: 'subnet-x', vpcId: 'vpc-other', availabilityZone: 'us-east-1c' });

testCheck(check, {
  pass: [{ name: 'two zones', resource: a, related: { AwsEc2Subnet: [a, b] }, message: '2 Availability Zones' }],
  fail: [
    { name: 'one zone, two subnets', resource: a, related: { AwsEc2Subnet: [a, a2, otherVpc] }, message: 'single Availability Zone (us-east-1a)' },
    { name: 'only subnet', resource: a, related: { AwsEc2Subnet: [a] } },
  ],
  error: [
    { name: 'own zone not collected', resource: withError(a, 'availabilityZone'), related: { AwsEc2Subnet: [b] } },
    { name: 'another subnet not collected', resource: a, related: { AwsEc2Subnet: [a, withError(b, 'vpcId')] }, code: 'AccessDenied' },
  ],
});
