import { testCheck, withError } from '../../testing/index.ts';
import { vpc } from '../ec2/lib/network-fixtures.ts';
import check from './vpc_different_regions.ts';

const east = vpc({}, { name: 'vpc-east', region: 'us-east-1' });
const west = vpc({}, { name: 'vpc-west', region: 'eu-west-1' });
const east2 = vpc({}, { name: 'vpc-east2', region: 'us-east-1' });
const defaultWest = vpc({ isDefault: true }, { name: 'vpc-defwest', region: 'eu-west-1' });

testCheck(check, {
  pass: [{ name: 'two regions', resource: east, related: { AwsEc2Vpc: [east, west] }, message: '2 regions (eu-west-1, us-east-1)' }],
  fail: [
    { name: 'one region', resource: east, related: { AwsEc2Vpc: [east, east2] }, message: 'us-east-1 only' },
    { name: 'the other region has only a default VPC', resource: east, related: { AwsEc2Vpc: [east, defaultWest] } },
  ],
  error: [{ name: 'a VPC not collected', resource: east, related: { AwsEc2Vpc: [east, withError(west, 'isDefault')] }, code: 'AccessDenied' }],
  notApplicable: [{ name: 'default VPC', resource: defaultWest, related: { AwsEc2Vpc: [defaultWest] } }],
});
