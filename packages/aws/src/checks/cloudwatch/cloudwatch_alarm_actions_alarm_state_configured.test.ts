import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudwatch_alarm_actions_alarm_state_configured.ts';
import { alarm } from './lib/fixtures.ts';

testCheck(check, {
  pass: [{ name: 'an SNS action', resource: alarm(), message: '1 action' }],
  fail: [
    { name: 'no action', resource: alarm({ alarmActions: [] }), message: 'no action' },
    { name: 'only OK actions', resource: alarm({ alarmActions: [], okActions: ['arn:aws:sns:us-east-1:123456789012:ok'] }) },
  ],
  error: [{ name: 'not collected', resource: withError(alarm(), 'alarmActions', 'InternalFailure'), code: 'InternalFailure' }],
});
