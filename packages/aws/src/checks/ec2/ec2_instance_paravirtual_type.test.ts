import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_paravirtual_type.ts';
import { instance } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [{ name: 'hvm', resource: instance({ virtualizationType: 'hvm' }), message: 'uses hvm' }],
  fail: [{ name: 'paravirtual', resource: instance({ virtualizationType: 'paravirtual' }), message: 'paravirtual' }],
  error: [{ name: 'attribute failed', resource: withError(instance(), 'virtualizationType'), code: 'AccessDenied' }],
});
