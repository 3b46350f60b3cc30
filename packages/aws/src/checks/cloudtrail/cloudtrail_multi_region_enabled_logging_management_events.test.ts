import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_multi_region_enabled_logging_management_events.ts';
import { advancedS3, basicS3, regionOf, trail } from './lib/fixtures.ts';

const region = regionOf('eu-west-1');

testCheck(check, {
  pass: [
    { name: 'default selectors', resource: region, related: { AwsCloudTrailTrail: [trail('main')] }, message: 'main' },
    { name: 'advanced selectors', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: advancedS3() })] } },
  ],
  fail: [
    { name: 'no trail', resource: region, related: {}, message: 'not covered' },
    { name: 'only read management events', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: basicS3('ReadOnly') })] }, message: 'none records' },
    { name: 'trail stopped', resource: region, related: { AwsCloudTrailTrail: [trail('main', { status: { isLogging: false } })] } },
    { name: 'regional trail', resource: region, related: { AwsCloudTrailTrail: [trail('main', { isMultiRegionTrail: false }, 'eu-west-1')] } },
  ],
  error: [
    {
      name: 'selectors not collected',
      resource: region,
      related: { AwsCloudTrailTrail: [withError(trail('main'), 'eventSelectors')] },
      code: 'AccessDenied',
    },
  ],
});
