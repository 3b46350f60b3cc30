import type { LaunchTemplateVersionInfo } from '../../resources/ec2-compute.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_launch_template_imdsv2_required.ts';
import { launchTemplate } from './lib/compute-fixtures.ts';

const v = (versionNumber: number, metadataOptions: LaunchTemplateVersionInfo['metadataOptions']): LaunchTemplateVersionInfo => ({
  versionNumber,
  isDefault: versionNumber === 1,
  metadataOptions,
  associatePublicIpAddress: false,
});

testCheck(check, {
  pass: [
    { name: 'required', resource: launchTemplate(), message: 'requires IMDSv2' },
    { name: 'endpoint disabled in latest', resource: launchTemplate({ versions: [v(1, { httpTokens: 'required' }), v(2, { httpEndpoint: 'disabled' })] }) },
    { name: 'deleted during the scan', resource: launchTemplate({ versions: null }), message: 'deleted' },
  ],
  fail: [
    { name: 'metadata options not set', resource: launchTemplate({ versions: [v(1, null)] }), message: 'version 1' },
    {
      name: 'latest version regressed',
      resource: launchTemplate({ versions: [v(1, { httpTokens: 'required' }), v(3, { httpTokens: 'optional' })] }),
      message: 'in version 3.',
    },
  ],
  error: [{ name: 'DescribeLaunchTemplateVersions denied', resource: withError(launchTemplate(), 'versions', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
});
