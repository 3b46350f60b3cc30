import check from './guardduty_s3_protection_enabled.ts';
import { testFeatureCheck } from './testing.ts';

testFeatureCheck(check, 'S3_DATA_EVENTS', 'S3 Protection', 's3Logs');
