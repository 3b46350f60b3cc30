import { testCheck, withError } from '../../testing/index.ts';
import { subnet } from '../ec2/lib/network-fixtures.ts';
import check from './vpc_subnet_no_public_ip_by_default.ts';

testCheck(check, {
  pass: [{ name: 'auto-assign off', resource: subnet({ mapPublicIpOnLaunch: false }), message: 'does not assign' }],
  fail: [
    { name: 'auto-assign on', resource: subnet({ mapPublicIpOnLaunch: true }), message: 'assigns a public IPv4' },
    { name: 'default subnet', resource: subnet({ mapPublicIpOnLaunch: true, defaultForAz: true }, { name: 'subnet-default' }) },
  ],
  error: [{ name: 'not collected', resource: withError(subnet(), 'mapPublicIpOnLaunch'), code: 'AccessDenied' }],
});
