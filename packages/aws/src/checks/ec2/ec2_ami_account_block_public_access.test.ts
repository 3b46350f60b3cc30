import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ami_account_block_public_access.ts';
import { regionalSettings } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [{ name: 'block-new-sharing', resource: regionalSettings({ imageBlockPublicAccessState: 'block-new-sharing' }), message: 'is enabled' }],
  fail: [{ name: 'unblocked', resource: regionalSettings({ imageBlockPublicAccessState: 'unblocked' }), message: 'state unblocked' }],
  error: [
    { name: 'GetImageBlockPublicAccessState denied', resource: withError(regionalSettings(), 'imageBlockPublicAccessState', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' },
  ],
});
