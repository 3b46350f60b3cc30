import type { ConfigRecorder, ConfigRecorderRegionAttributes, ConfigRecorderStatus } from '../../resources/config.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './config_recorder_all_regions_enabled.ts';

const recorder = (o: Partial<ConfigRecorder> = {}): ConfigRecorder => ({
  name: 'default',
  roleArn: 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
  allSupported: true,
  includeGlobalResourceTypes: true,
  resourceTypes: [],
  excludedResourceTypes: [],
  ...o,
});
const status = (o: Partial<ConfigRecorderStatus> = {}): ConfigRecorderStatus => ({ name: 'default', recording: true, lastStatus: 'Success', ...o });
const region = (recorders: ConfigRecorder[], recorderStatuses: ConfigRecorderStatus[] | null) =>
  buildResource<ConfigRecorderRegionAttributes>('AwsConfigRecorderRegion', { recorders, recorderStatuses }, { name: 'eu-west-1', region: 'eu-west-1' });

testCheck(check, {
  pass: [
    { name: 'recording all types', resource: region([recorder()], [status()]), message: 'recording all supported' },
    { name: 'pending first delivery', resource: region([recorder()], [status({ lastStatus: 'Pending' })]) },
    {
      name: 'recording strategy ALL_SUPPORTED without global types',
      resource: region([recorder({ allSupported: true, includeGlobalResourceTypes: false, recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES' })], [status()]),
    },
  ],
  fail: [
    { name: 'no recorder', resource: region([], []), message: 'no AWS Config configuration recorder' },
    { name: 'stopped', resource: region([recorder()], [status({ recording: false })]), message: 'not recording' },
    { name: 'status vanished', resource: region([recorder()], null), message: 'not recording' },
    {
      name: 'last status failure',
      resource: region([recorder()], [status({ lastStatus: 'Failure', lastErrorCode: 'NoSuchBucket' })]),
      message: 'NoSuchBucket',
    },
    {
      name: 'selected resource types',
      resource: region([recorder({ allSupported: false, resourceTypes: ['AWS::EC2::Instance'] })], [status()]),
      message: 'only selected',
    },
    {
      name: 'exclusion strategy',
      resource: region(
        [recorder({ allSupported: false, recordingStrategy: 'EXCLUSION_BY_RESOURCE_TYPES', excludedResourceTypes: ['AWS::EC2::Volume'] })],
        [status()],
      ),
    },
  ],
  error: [{ name: 'status not collected', resource: withError(region([recorder()], null), 'recorderStatuses'), code: 'AccessDenied' }],
});
