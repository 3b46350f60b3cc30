import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_multi_region_enabled.ts';
import { regionOf, trail } from './lib/fixtures.ts';

const region = regionOf('eu-west-1');

testCheck(check, {
  pass: [
    { name: 'logging multi-region trail', resource: region, related: { AwsCloudTrailTrail: [trail('main')] }, message: 'main' },
    {
      name: 'one of two is logging',
      resource: region,
      related: { AwsCloudTrailTrail: [trail('stopped', { status: { isLogging: false } }), trail('main')] },
      message: 'main',
    },
  ],
  fail: [
    { name: 'no trail', resource: region, related: { AwsCloudTrailTrail: [] }, message: 'not covered' },
    {
      name: 'multi-region trail stopped',
      resource: region,
      related: { AwsCloudTrailTrail: [trail('main', { status: { isLogging: false } })] },
      message: 'stopped',
    },
    {
      name: 'only a regional trail in this region',
      resource: region,
      related: { AwsCloudTrailTrail: [trail('local', { isMultiRegionTrail: false }, 'eu-west-1')] },
      message: 'single-region trail local',
    },
    {
      name: 'only a regional trail elsewhere',
      resource: region,
      related: { AwsCloudTrailTrail: [trail('local', { isMultiRegionTrail: false }, 'us-east-1')] },
      message: 'not covered',
    },
  ],
  error: [
    {
      name: 'trail status not collected',
      resource: region,
      related: { AwsCloudTrailTrail: [withError(trail('main'), 'status')] },
      code: 'AccessDenied',
    },
  ],
});
