import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ebs_snapshot_account_block_public_access.ts';
import { regionalSettings } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [{ name: 'block-all-sharing', resource: regionalSettings({ snapshotBlockPublicAccessState: 'block-all-sharing' }), message: 'blocks all' }],
  fail: [
    { name: 'block-new-sharing', resource: regionalSettings({ snapshotBlockPublicAccessState: 'block-new-sharing' }), message: 'only blocks new sharing' },
    { name: 'unblocked', resource: regionalSettings({ snapshotBlockPublicAccessState: 'unblocked' }), message: 'not enabled' },
  ],
  error: [
    {
      name: 'GetSnapshotBlockPublicAccessState denied',
      resource: withError(regionalSettings(), 'snapshotBlockPublicAccessState', 'UnauthorizedOperation'),
      code: 'UnauthorizedOperation',
    },
  ],
});
