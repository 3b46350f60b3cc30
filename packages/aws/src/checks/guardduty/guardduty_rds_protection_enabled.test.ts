import check from './guardduty_rds_protection_enabled.ts';
import { testFeatureCheck } from './testing.ts';

testFeatureCheck(check, 'RDS_LOGIN_EVENTS', 'RDS Protection');
