import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_inside_vpc.ts';
import { instance } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'in a VPC', resource: instance(), message: 'VPC vpc-0abc' }],
  fail: [{ name: 'no subnet group', resource: instance({ vpcId: null }), message: 'is not deployed in a VPC' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'vpcId') }],
});
