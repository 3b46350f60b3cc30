import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_s3_dataevents_write_enabled.ts';
import { advancedS3, basicS3, MANAGEMENT_ONLY, regionOf, trail } from './lib/fixtures.ts';

const region = regionOf('eu-west-1');

testCheck(check, {
  pass: [
    { name: 'basic selector, all events', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: basicS3('All') })] }, message: 'main' },
    { name: 'basic selector, write only', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: basicS3('WriteOnly') })] } },
    { name: 'advanced selector', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: advancedS3() })] } },
    {
      name: 'single-region trail homed in the region',
      resource: region,
      related: { AwsCloudTrailTrail: [trail('local', { isMultiRegionTrail: false, eventSelectors: basicS3('All') }, 'eu-west-1')] },
    },
  ],
  fail: [
    { name: 'no trail', resource: region, related: {}, message: 'not covered' },
    { name: 'management events only', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: MANAGEMENT_ONLY })] }, message: 'no logging trail' },
    { name: 'only the other access type', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: basicS3('ReadOnly') })] } },
    { name: 'one bucket only', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: basicS3('All', ['arn:aws:s3:::bucket/']) })] } },
    { name: 'trail stopped', resource: region, related: { AwsCloudTrailTrail: [trail('main', { eventSelectors: basicS3('All'), status: { isLogging: false } })] } },
    {
      name: 'single-region trail in another region',
      resource: region,
      related: { AwsCloudTrailTrail: [trail('local', { isMultiRegionTrail: false, eventSelectors: basicS3('All') }, 'us-east-1')] },
    },
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
