import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_launch_template_no_public_ip.ts';
import { launchTemplate } from './lib/compute-fixtures.ts';

const version = (versionNumber: number, associatePublicIpAddress: boolean) => ({
  versionNumber,
  isDefault: versionNumber === 1,
  metadataOptions: null,
  associatePublicIpAddress,
});

testCheck(check, {
  pass: [
    { name: 'no public IP', resource: launchTemplate(), message: 'does not assign' },
    { name: 'deleted during the scan', resource: launchTemplate({ versions: null }), message: 'deleted' },
  ],
  fail: [
    { name: 'default version public', resource: launchTemplate({ versions: [version(1, true)] }), message: 'version 1' },
    { name: 'latest version public', resource: launchTemplate({ versions: [version(1, false), version(4, true)] }), message: 'in version 4.' },
  ],
  error: [{ name: 'DescribeLaunchTemplateVersions denied', resource: withError(launchTemplate(), 'versions', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
});
