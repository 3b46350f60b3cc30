import { testCheck, withError } from '../../testing/index.ts';
import check from './guardduty_no_high_severity_findings.ts';
import { guardduty } from './testing.ts';

testCheck(check, {
  pass: [{ name: 'no findings', resource: guardduty({ highSeverityFindings: { count: 0, sampleIds: [] } }) }],
  fail: [
    { name: 'one finding', resource: guardduty({ highSeverityFindings: { count: 1, sampleIds: ['abc'] } }), message: '1 open high or critical severity finding (e.g. abc)' },
    {
      name: 'many findings',
      resource: guardduty({ highSeverityFindings: { count: 250, sampleIds: ['a', 'b', 'c', 'd'] } }),
      message: '250 open high or critical severity findings (e.g. a, b, c)',
    },
  ],
  error: [
    { name: 'ListFindings denied', resource: withError(guardduty({}), 'highSeverityFindings', 'AccessDeniedException'), code: 'AccessDeniedException' },
  ],
  notApplicable: [{ name: 'no detector', resource: guardduty({ detector: null }) }],
});
