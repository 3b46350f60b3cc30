import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_insights_exist.ts';
import { trail } from './lib/fixtures.ts';

testCheck(check, {
  pass: [
    {
      name: 'both insight types',
      resource: trail('main', { insightSelectors: [{ insightType: 'ApiCallRateInsight' }, { insightType: 'ApiErrorRateInsight' }] }),
      message: 'ApiCallRateInsight',
    },
  ],
  fail: [
    { name: 'insights not enabled', resource: trail('main', { insightSelectors: null }), message: 'does not have' },
    { name: 'empty selector list', resource: trail('main', { insightSelectors: [] }) },
  ],
  error: [{ name: 'not collected', resource: withError(trail('main'), 'insightSelectors', 'ThrottlingException'), code: 'ThrottlingException' }],
});
