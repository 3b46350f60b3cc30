import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_internet_facing_with_instance_profile.ts';
import { instance } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'private with profile', resource: instance(), message: 'no public IP' },
    { name: 'public without profile', resource: instance({ publicIp: '54.1.2.3', iamInstanceProfileArn: null }), message: 'no instance profile' },
  ],
  fail: [{ name: 'public with profile', resource: instance({ publicIp: '54.1.2.3' }), message: 'instance-profile/app' }],
  error: [{ name: 'attribute failed', resource: withError(instance(), 'iamInstanceProfileArn'), code: 'AccessDenied' }],
});
