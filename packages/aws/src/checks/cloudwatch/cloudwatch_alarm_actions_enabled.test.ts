import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudwatch_alarm_actions_enabled.ts';
import { alarm } from './lib/fixtures.ts';

testCheck(check, {
  pass: [{ name: 'actions enabled', resource: alarm({ actionsEnabled: true }), message: 'enabled' }],
  fail: [{ name: 'actions disabled', resource: alarm({ actionsEnabled: false }), message: 'disabled' }],
  error: [{ name: 'not collected', resource: withError(alarm(), 'actionsEnabled', 'InternalFailure'), code: 'InternalFailure' }],
});
