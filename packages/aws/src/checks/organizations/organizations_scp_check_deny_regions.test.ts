import { testCheck, withError } from '../../testing/index.ts';
import type { ServiceControlPolicy } from '../../resources/organizations.ts';
import check from './organizations_scp_check_deny_regions.ts';
import { organization, orgInfo, ROOT } from './testing.ts';

const scp = (name: string, statement: unknown, targets: ServiceControlPolicy['targets'] = [ROOT]): ServiceControlPolicy => ({
  id: `p-${name}`,
  arn: `arn:aws:organizations::123456789012:policy/o-a1b2c3d4e5/service_control_policy/p-${name}`,
  name,
  awsManaged: false,
  targets,
  content: JSON.stringify({ Version: '2012-10-17', Statement: statement }),
});
const FULL_ACCESS = scp('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
const denyRegions = (regions: string | string[], operator = 'StringNotEquals', targets = [ROOT]) =>
  scp('deny-regions', [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { [operator]: { 'aws:RequestedRegion': regions } } }], targets);
const enabled = { SERVICE_CONTROL_POLICY: 'ENABLED' };
const org = (serviceControlPolicies: ServiceControlPolicy[], rootPolicyTypes: Record<string, string> = enabled) =>
  organization({ rootPolicyTypes, serviceControlPolicies });

testCheck(check, {
  pass: [
    { name: 'deny outside two regions', resource: org([FULL_ACCESS, denyRegions(['eu-west-1', 'eu-central-1'])]), message: 'deny-regions (eu-west-1, eu-central-1)' },
    { name: 'single statement object, StringNotEqualsIfExists', resource: org([{ ...denyRegions('eu-west-1', 'StringNotEqualsIfExists'), content: JSON.stringify({ Statement: { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } } } }) }]) },
    { name: 'within the allowed regions option', resource: org([denyRegions(['eu-west-1'])]), options: { allowedRegions: ['eu-west-1', 'eu-central-1'] }, message: 'approved regions' },
  ],
  fail: [
    { name: 'SCPs not enabled', resource: org([], {}), message: 'not enabled' },
    { name: 'only FullAWSAccess', resource: org([FULL_ACCESS]), message: 'no attached SCP' },
    { name: 'region SCP not attached', resource: org([denyRegions(['eu-west-1'], 'StringNotEquals', [])]) },
    { name: 'Deny in the listed regions (wrong operator)', resource: org([denyRegions(['ap-east-1'], 'StringEquals')]) },
    { name: 'allows a region outside the option', resource: org([denyRegions(['eu-west-1', 'us-east-1'])]), options: { allowedRegions: ['eu-west-1'] }, message: 'allow regions outside eu-west-1' },
  ],
  error: [
    { name: 'DescribePolicy denied', resource: withError(org([]), 'serviceControlPolicies', 'AccessDeniedException'), code: 'AccessDeniedException' },
  ],
  notApplicable: [{ name: 'member account', resource: organization({ organization: orgInfo('210987654321') }) }],
});
