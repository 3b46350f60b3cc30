import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_account_imdsv2_enabled.ts';
import { regionalSettings } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'required', resource: regionalSettings({ instanceMetadataDefaults: { httpTokens: 'required' } }), message: 'requires IMDSv2' },
    { name: 'endpoint disabled', resource: regionalSettings({ instanceMetadataDefaults: { httpEndpoint: 'disabled' } }), message: 'disables' },
  ],
  fail: [
    { name: 'no default set', resource: regionalSettings({ instanceMetadataDefaults: {} }), message: 'No account-level' },
    { name: 'optional', resource: regionalSettings({ instanceMetadataDefaults: { httpTokens: 'optional' } }), message: 'allows IMDSv1' },
  ],
  error: [
    { name: 'GetInstanceMetadataDefaults denied', resource: withError(regionalSettings(), 'instanceMetadataDefaults', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' },
  ],
});
