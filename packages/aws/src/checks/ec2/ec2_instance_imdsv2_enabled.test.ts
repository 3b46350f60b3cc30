import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_imdsv2_enabled.ts';
import { instance } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'tokens required', resource: instance({ metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' } }), message: 'requires IMDSv2' },
    { name: 'endpoint disabled', resource: instance({ metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled' } }), message: 'endpoint disabled' },
    { name: 'stopped instance with IMDSv2', resource: instance({ state: 'stopped' }) },
  ],
  fail: [
    { name: 'tokens optional', resource: instance({ metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled' } }), message: 'HttpTokens is optional' },
    { name: 'no metadata options reported', resource: instance({ metadataOptions: null }), message: 'not set' },
  ],
  error: [{ name: 'attribute failed', resource: withError(instance(), 'metadataOptions'), code: 'AccessDenied' }],
});
