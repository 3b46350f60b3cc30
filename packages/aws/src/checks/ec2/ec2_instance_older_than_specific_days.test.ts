import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_older_than_specific_days.ts';
import { instance } from './lib/compute-fixtures.ts';

// DEFAULT_NOW is 2026-11-01T00:00:00Z.
testCheck(check, {
  pass: [
    { name: 'launched 31 days ago', resource: instance({ launchTime: '2026-10-01T00:00:00.000Z' }), message: '31 days ago' },
    { name: 'exactly 180 days', resource: instance({ launchTime: '2026-05-05T00:00:00.000Z' }), message: '180 days' },
    { name: 'older, higher limit', resource: instance({ launchTime: '2025-11-01T00:00:00.000Z' }), options: { maxInstanceAgeDays: 400 } },
  ],
  fail: [
    { name: 'launched 181 days ago', resource: instance({ launchTime: '2026-05-04T00:00:00.000Z' }), message: 'more than 180' },
    { name: 'lower limit', resource: instance({ launchTime: '2026-10-01T00:00:00.000Z' }), options: { maxInstanceAgeDays: 30 }, message: 'more than 30' },
  ],
  manual: [{ name: 'no launch time', resource: instance({ launchTime: null }), message: 'no launch time' }],
  error: [{ name: 'attribute failed', resource: withError(instance(), 'launchTime'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'stopped instance', resource: instance({ state: 'stopped', launchTime: '2020-01-01T00:00:00.000Z' }) }],
});
