import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { SecurityHubHubAttributes, SecurityHubStandardSubscription } from '../../resources/securityhub.ts';
import check from './securityhub_enabled.ts';

const HUB = { arn: 'arn:aws:securityhub:us-east-1:123456789012:hub/default' };
const standard = (name: string, status = 'READY'): SecurityHubStandardSubscription => ({
  standardsArn: `arn:aws:securityhub:us-east-1::standards/${name}`,
  subscriptionArn: `arn:aws:securityhub:us-east-1:123456789012:subscription/${name}`,
  status,
});
const hub = (attrs: SecurityHubHubAttributes) =>
  buildResource<SecurityHubHubAttributes>('AwsSecurityHubHub', attrs, { name: 'Security Hub in us-east-1', id: HUB.arn });

testCheck(check, {
  pass: [
    {
      name: 'hub with FSBP',
      resource: hub({ hub: HUB, enabledStandards: [standard('aws-foundational-security-best-practices/v/1.0.0')] }),
      message: 'aws-foundational-security-best-practices/v/1.0.0',
    },
    { name: 'incomplete standard still evaluates controls', resource: hub({ hub: HUB, enabledStandards: [standard('cis-aws-foundations-benchmark/v/3.0.0', 'INCOMPLETE')] }) },
    { name: 'no standard, requireStandard off', resource: hub({ hub: HUB, enabledStandards: [] }), options: { requireStandard: false } },
  ],
  fail: [
    { name: 'not enabled', resource: hub({ hub: null, enabledStandards: null }), message: 'is not enabled' },
    { name: 'no standard', resource: hub({ hub: HUB, enabledStandards: [] }), message: 'no active security standard' },
    { name: 'only a failed standard', resource: hub({ hub: HUB, enabledStandards: [standard('pci-dss/v/3.2.1', 'FAILED')] }) },
    { name: 'not enabled, requireStandard off', resource: hub({ hub: null, enabledStandards: null }), options: { requireStandard: false } },
  ],
  error: [
    {
      name: 'standards denied',
      resource: withError(hub({ hub: HUB, enabledStandards: null }), 'enabledStandards', 'AccessDeniedException'),
      code: 'AccessDeniedException',
    },
  ],
});
