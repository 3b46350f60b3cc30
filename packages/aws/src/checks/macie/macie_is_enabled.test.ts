import { testCheck, withError } from '../../testing/index.ts';
import check from './macie_is_enabled.ts';
import { macie } from './testing.ts';

testCheck(check, {
  pass: [{ name: 'enabled', resource: macie({ session: { status: 'ENABLED' }, automatedDiscovery: null }), message: 'is enabled' }],
  fail: [
    { name: 'not enabled', resource: macie({ session: null, automatedDiscovery: null }), message: 'is not enabled' },
    { name: 'paused', resource: macie({ session: { status: 'PAUSED' }, automatedDiscovery: null }), message: 'PAUSED' },
  ],
  error: [
    { name: 'GetMacieSession denied', resource: withError(macie({ session: null, automatedDiscovery: null }), 'session', 'AccessDeniedException'), code: 'AccessDeniedException' },
  ],
});
