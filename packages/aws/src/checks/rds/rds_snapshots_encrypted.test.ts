import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_snapshots_encrypted.ts';
import { snapshot } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'encrypted', resource: snapshot(), message: 'DB snapshot orders-export is encrypted' }],
  fail: [
    { name: 'unencrypted DB snapshot', resource: snapshot({ encrypted: false }), message: 'is not encrypted' },
    { name: 'unencrypted cluster snapshot', resource: snapshot({ kind: 'cluster', encrypted: false }, 'aurora-1-snap'), message: 'DB cluster snapshot' },
  ],
  error: [{ name: 'listing failed', resource: withError(snapshot(), 'encrypted') }],
});
