import { testCheck, withError } from '../../testing/index.ts';
import check from './accessanalyzer_enabled.ts';
import { analyzer, region } from './testing.ts';

testCheck(check, {
  pass: [
    { name: 'active account analyzer', resource: region([analyzer('ConsoleAnalyzer')]), message: 'ConsoleAnalyzer' },
    { name: 'active organization analyzer next to a failed one', resource: region([analyzer('broken', 'ACCOUNT', 'FAILED'), analyzer('org', 'ORGANIZATION')]) },
  ],
  fail: [
    { name: 'no analyzer', resource: region([]), message: 'not enabled' },
    {
      name: 'failed analyzer',
      resource: region([analyzer('broken', 'ACCOUNT', 'FAILED', 'SERVICE_LINKED_ROLE_CREATION_FAILED')]),
      message: 'broken is FAILED (SERVICE_LINKED_ROLE_CREATION_FAILED)',
    },
    { name: 'only an unused access analyzer', resource: region([analyzer('unused', 'ACCOUNT_UNUSED_ACCESS')]), message: 'only ACCOUNT_UNUSED_ACCESS' },
  ],
  error: [{ name: 'listing denied', resource: withError(region([]), 'analyzers', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
