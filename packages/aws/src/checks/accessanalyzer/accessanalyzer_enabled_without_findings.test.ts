import { testCheck, withError } from '../../testing/index.ts';
import check from './accessanalyzer_enabled_without_findings.ts';
import { analyzer, region } from './testing.ts';

const a = analyzer('ConsoleAnalyzer');

testCheck(check, {
  pass: [
    { name: 'no active findings', resource: region([a], { [a.arn]: 0 }), message: 'no active findings' },
    { name: 'findings only on an unused access analyzer (not counted)', resource: region([a, analyzer('unused', 'ACCOUNT_UNUSED_ACCESS')], { [a.arn]: 0 }) },
  ],
  fail: [
    { name: 'active findings', resource: region([a], { [a.arn]: 4 }), message: 'ConsoleAnalyzer: 4' },
    { name: 'no analyzer', resource: region([]), message: 'no active external access analyzer' },
    { name: 'analyzer not active', resource: region([analyzer('new', 'ACCOUNT', 'CREATING')]) },
  ],
  error: [
    { name: 'findings count denied', resource: withError(region([a]), 'activeFindingCounts', 'AccessDeniedException'), code: 'AccessDeniedException' },
  ],
});
