import check from './guardduty_lambda_protection_enabled.ts';
import { testFeatureCheck } from './testing.ts';

testFeatureCheck(check, 'LAMBDA_NETWORK_LOGS', 'Lambda Protection');
