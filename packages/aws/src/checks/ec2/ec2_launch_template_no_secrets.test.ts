import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_launch_template_no_secrets.ts';
import { launchTemplate } from './lib/compute-fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'no user data', resource: launchTemplate(), message: 'no secrets detected' },
    { name: 'clean script', resource: launchTemplate({ versionsUserData: [{ versionNumber: 1, userData: '#!/bin/bash\nyum -y update\n' }] }) },
    { name: 'deleted during the scan', resource: launchTemplate({ versionsUserData: null }), message: 'deleted' },
  ],
  fail: [
    {
      name: 'access key in the latest version',
      resource: launchTemplate({
        versionsUserData: [
          { versionNumber: 1, userData: '#!/bin/bash\n' },
          { versionNumber: 2, userData: '#!/bin/bash\naws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n' },
        ],
      }),
      message: 'version 2: AWS access key id (line 2)',
    },
  ],
  error: [
    { name: 'DescribeLaunchTemplateVersions denied', resource: withError(launchTemplate(), 'versionsUserData', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' },
  ],
});
