import { testCheck, withError } from '../../testing/index.ts';
import check from './rds_instance_certificate_expiration.ts';
import { instance } from './fixtures.ts';

// testCheck evaluates at 2026-11-01T00:00:00Z.
testCheck(check, {
  pass: [
    { name: 'valid for months', resource: instance(), message: 'valid until 2027-06-01' },
    { name: 'exactly 30 days left', resource: instance({ certificateValidTill: '2026-12-01T00:00:00.000Z' }) },
    { name: '10 days left, threshold 7', resource: instance({ certificateValidTill: '2026-11-11T00:00:00.000Z' }), options: { minDaysBeforeExpiry: 7 } },
  ],
  fail: [
    { name: 'expired', resource: instance({ certificateValidTill: '2026-10-01T00:00:00.000Z' }), message: 'expired on 2026-10-01' },
    { name: '10 days left', resource: instance({ certificateValidTill: '2026-11-11T00:00:00.000Z' }), message: 'expires in 10 days' },
  ],
  manual: [{ name: 'no expiry reported', resource: instance({ certificateValidTill: null }), message: 'does not report' }],
  error: [{ name: 'listing failed', resource: withError(instance(), 'certificateValidTill') }],
});
