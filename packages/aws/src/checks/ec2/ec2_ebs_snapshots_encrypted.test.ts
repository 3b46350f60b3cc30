import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ebs_snapshots_encrypted.ts';
import { snapshot } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [{ name: 'encrypted', resource: snapshot({ encrypted: true }), message: 'is encrypted' }],
  fail: [{ name: 'unencrypted', resource: snapshot({ encrypted: false, kmsKeyId: null }), message: 'is not encrypted' }],
  error: [{ name: 'attribute failed', resource: withError(snapshot(), 'encrypted'), code: 'AccessDenied' }],
});
