import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_profile_attached.ts';
import { instance } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [{ name: 'profile attached', resource: instance(), message: 'instance-profile/app' }],
  fail: [{ name: 'no profile', resource: instance({ iamInstanceProfileArn: null }), message: 'no IAM instance profile' }],
  error: [{ name: 'attribute failed', resource: withError(instance(), 'iamInstanceProfileArn'), code: 'AccessDenied' }],
});
