import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_server_access_logging_enabled.ts';
import { bucket } from './lib/fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'logging with prefix', resource: bucket({ logging: { targetBucket: 'access-logs', targetPrefix: 'example-bucket/' } }), message: 's3://access-logs/example-bucket/' },
    { name: 'logging without prefix', resource: bucket({ logging: { targetBucket: 'access-logs' } }), message: 's3://access-logs/.' },
  ],
  fail: [{ name: 'logging off', resource: bucket({ logging: null }), message: 'disabled' }],
  error: [{ name: 'denied', resource: withError(bucket(), 'logging'), code: 'AccessDenied' }],
});
