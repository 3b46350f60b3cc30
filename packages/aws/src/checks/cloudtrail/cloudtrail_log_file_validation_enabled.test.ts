import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_log_file_validation_enabled.ts';
import { trail } from './lib/fixtures.ts';

testCheck(check, {
  pass: [{ name: 'validation on', resource: trail('main', { logFileValidationEnabled: true }), message: 'has log file validation' }],
  fail: [{ name: 'validation off', resource: trail('main', { logFileValidationEnabled: false }), message: 'does not' }],
  error: [{ name: 'not collected', resource: withError(trail('main'), 'logFileValidationEnabled'), code: 'AccessDenied' }],
});
