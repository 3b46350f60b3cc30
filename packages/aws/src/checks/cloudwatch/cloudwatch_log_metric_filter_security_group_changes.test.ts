import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_security_group_changes.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
    variant:
      '{($.eventName=\'DeleteSecurityGroup\')||($.eventName=\'CreateSecurityGroup\')||($.eventName=\'RevokeSecurityGroupEgress\')||($.eventName=\'RevokeSecurityGroupIngress\')||($.eventName=\'AuthorizeSecurityGroupEgress\')||($.eventName=\'AuthorizeSecurityGroupIngress\')}',
    incomplete:
      '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) }',
  }),
);
