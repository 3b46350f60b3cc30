import { testCheck, withError } from '../../testing/index.ts';
import check from './macie_automated_sensitive_data_discovery_enabled.ts';
import { macie } from './testing.ts';

testCheck(check, {
  pass: [
    {
      name: 'discovery enabled',
      resource: macie({ session: { status: 'ENABLED' }, automatedDiscovery: { status: 'ENABLED' } }),
      message: 'automated sensitive data discovery enabled',
    },
  ],
  fail: [
    { name: 'discovery disabled', resource: macie({ session: { status: 'ENABLED' }, automatedDiscovery: { status: 'DISABLED' } }), message: 'DISABLED' },
    { name: 'Macie paused', resource: macie({ session: { status: 'PAUSED' }, automatedDiscovery: { status: 'ENABLED' } }), message: 'PAUSED' },
  ],
  error: [
    {
      name: 'configuration denied',
      resource: withError(macie({ session: { status: 'ENABLED' }, automatedDiscovery: null }), 'automatedDiscovery', 'AccessDeniedException'),
      code: 'AccessDeniedException',
    },
  ],
  notApplicable: [{ name: 'Macie not enabled', resource: macie({ session: null, automatedDiscovery: null }) }],
});
