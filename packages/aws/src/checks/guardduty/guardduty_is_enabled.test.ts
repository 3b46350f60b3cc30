import { testCheck, withError } from '../../testing/index.ts';
import check from './guardduty_is_enabled.ts';
import { detector, guardduty } from './testing.ts';

testCheck(check, {
  pass: [{ name: 'enabled detector', resource: guardduty({}), message: 'is enabled' }],
  fail: [
    { name: 'no detector', resource: guardduty({ detector: null }), message: 'no detector' },
    { name: 'suspended detector', resource: guardduty({ detector: detector({}, { status: 'DISABLED' }) }), message: 'suspended' },
  ],
  error: [
    { name: 'GetDetector denied', resource: withError(guardduty({}), 'detector', 'AccessDeniedException'), code: 'AccessDeniedException' },
  ],
});
