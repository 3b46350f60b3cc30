import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { KmsKeyAttributes } from '../../resources/kms.ts';
import check from './kms_cmk_not_multi_region.ts';

const key = (a: Partial<KmsKeyAttributes> = {}) =>
  buildResource<Partial<KmsKeyAttributes>>(
    'AwsKmsKey',
    { keyId: 'mrk-1', keyManager: 'CUSTOMER', multiRegion: false, multiRegionKeyType: null, aliases: [], ...a },
    { name: 'mrk-1' },
  );

testCheck(check, {
  pass: [{ name: 'single-Region', resource: key(), message: 'single-Region' }],
  fail: [
    { name: 'primary', resource: key({ multiRegion: true, multiRegionKeyType: 'PRIMARY' }), message: 'multi-Region primary' },
    { name: 'replica', resource: key({ multiRegion: true, multiRegionKeyType: 'REPLICA' }), message: 'replica' },
  ],
  error: [{ name: 'DescribeKey denied', resource: withError(key({ keyManager: undefined }), 'multiRegion') }],
  notApplicable: [{ name: 'AWS managed', resource: key({ keyManager: 'AWS', multiRegion: true }) }],
});
