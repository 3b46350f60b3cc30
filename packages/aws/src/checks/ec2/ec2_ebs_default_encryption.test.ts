import type { Ec2RegionalSettingsAttributes } from '../../resources/ec2-compute.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './ec2_ebs_default_encryption.ts';

const settings = (ebsEncryptionByDefault: boolean) =>
  buildResource<Partial<Ec2RegionalSettingsAttributes>>('AwsEc2RegionalSettings', { ebsEncryptionByDefault }, { name: '123456789012/us-east-1' });

testCheck(check, {
  pass: [{ name: 'enabled', resource: settings(true), message: 'is enabled' }],
  fail: [{ name: 'disabled', resource: settings(false), message: 'is disabled' }],
  error: [
    {
      name: 'GetEbsEncryptionByDefault denied',
      resource: withError(buildResource<Partial<Ec2RegionalSettingsAttributes>>('AwsEc2RegionalSettings', {}, { name: '123456789012/us-east-1' }), 'ebsEncryptionByDefault', 'UnauthorizedOperation'),
      code: 'UnauthorizedOperation',
    },
  ],
});
