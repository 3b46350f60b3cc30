import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_cluster_copy_tags_to_snapshots.ts';
import { cluster } from './fixtures.ts';

testCheck(check, {
  pass: [{ name: 'copies', resource: cluster(), message: 'copies its tags' }],
  fail: [{ name: 'does not copy', resource: cluster({ copyTagsToSnapshot: false }), message: 'does not copy' }],
  error: [{ name: 'listing failed', resource: withError(cluster(), 'copyTagsToSnapshot') }],
});
