import { testCheck, withError } from '../../testing/index.ts';
import check from './ec2_instance_stopped_older_than_specific_days.ts';
import { instance } from './lib/compute-fixtures.ts';

const stopped = (stateTransitionTime: string | null) => instance({ state: 'stopped', stateTransitionTime });

// DEFAULT_NOW is 2026-11-01T00:00:00Z.
testCheck(check, {
  pass: [
    { name: 'stopped 10 days ago', resource: stopped('2026-10-22T00:00:00.000Z'), message: 'stopped for 10 days' },
    { name: 'stopped 60 days ago, limit 90', resource: stopped('2026-09-02T00:00:00.000Z'), options: { maxStoppedDays: 90 } },
  ],
  fail: [
    { name: 'stopped 61 days ago', resource: stopped('2026-09-01T00:00:00.000Z'), message: 'more than 30' },
    { name: 'stopped 10 days ago, limit 7', resource: stopped('2026-10-22T00:00:00.000Z'), options: { maxStoppedDays: 7 } },
  ],
  manual: [{ name: 'no stop date', resource: stopped(null), message: 'no date' }],
  error: [{ name: 'attribute failed', resource: withError(stopped(null), 'stateTransitionTime'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'running instance', resource: instance({ state: 'running' }) }],
});
