import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_elastic_ip_unassigned.ts';
import { eip } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'associated with an instance', resource: eip(), message: 'associated with i-0001' },
    { name: 'associated with a NAT gateway interface', resource: eip({ instanceId: null, networkInterfaceId: 'eni-nat' }), message: 'eni-nat' },
  ],
  fail: [
    {
      name: 'idle',
      resource: eip({ associationId: null, instanceId: null, networkInterfaceId: null }),
      message: 'is not associated',
    },
  ],
  error: [{ name: 'attribute failed', resource: withError(eip(), 'associationId'), code: 'AccessDenied' }],
});
