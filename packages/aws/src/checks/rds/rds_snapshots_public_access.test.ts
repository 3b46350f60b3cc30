import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_snapshots_public_access.ts';
import { snapshot } from './fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'private', resource: snapshot(), message: 'DB snapshot orders-export is not public.' },
    { name: 'shared with one account', resource: snapshot({ restoreAccess: ['111122223333'] }), message: 'shared with 1 account' },
    { name: 'automated', resource: snapshot({ snapshotType: 'automated' }, 'rds:orders-db-2026-10-01-03-00') },
  ],
  fail: [
    { name: 'public DB snapshot', resource: snapshot({ restoreAccess: ['all'] }), message: 'is public' },
    { name: 'public cluster snapshot', resource: snapshot({ kind: 'cluster', restoreAccess: ['111122223333', 'all'] }, 'aurora-1-snap'), message: 'DB cluster snapshot' },
  ],
  error: [{ name: 'attributes denied', resource: withError(snapshot(), 'restoreAccess'), code: 'AccessDenied' }],
});
