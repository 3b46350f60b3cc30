import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_public_ip.ts';
import { instance } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [{ name: 'private', resource: instance({ publicIp: null }), message: 'no public IP' }],
  fail: [{ name: 'public', resource: instance({ publicIp: '54.210.1.2' }), message: '54.210.1.2' }],
  error: [{ name: 'attribute failed', resource: withError(instance(), 'publicIp'), code: 'AccessDenied' }],
});
