import type { ConfigRecorder, ConfigRecorderRegionAttributes } from '../../resources/config.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './config_recorder_using_aws_service_role.ts';

const SLR = 'arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';
const recorder = (o: Partial<ConfigRecorder> = {}): ConfigRecorder => ({
  name: 'default',
  roleArn: SLR,
  allSupported: true,
  includeGlobalResourceTypes: true,
  resourceTypes: [],
  excludedResourceTypes: [],
  ...o,
});
const region = (recorders: ConfigRecorder[]) =>
  buildResource<ConfigRecorderRegionAttributes>('AwsConfigRecorderRegion', { recorders, recorderStatuses: [] }, { name: 'us-east-1' });

testCheck(check, {
  pass: [
    { name: 'service-linked role', resource: region([recorder()]), message: 'AWSServiceRoleForConfig' },
    {
      name: 'GovCloud partition',
      resource: region([recorder({ roleArn: SLR.replace('arn:aws:', 'arn:aws-us-gov:') })]),
    },
  ],
  fail: [
    { name: 'custom role', resource: region([recorder({ roleArn: 'arn:aws:iam::123456789012:role/ConfigRole' })]), message: 'role/ConfigRole' },
    { name: 'no role', resource: region([recorder({ roleArn: undefined })]), message: 'no role' },
  ],
  notApplicable: [
    { name: 'no recorder', resource: region([]) },
    { name: 'only a service-linked recorder', resource: region([recorder({ servicePrincipal: 'securityhub.amazonaws.com', roleArn: undefined })]) },
  ],
  error: [{ name: 'recorders not collected', resource: withError(region([recorder()]), 'recorders'), code: 'AccessDenied' }],
});
