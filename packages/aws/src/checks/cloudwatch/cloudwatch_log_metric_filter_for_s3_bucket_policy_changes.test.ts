import { testCheck } from '../../testing/index.ts';
import check from './cloudwatch_log_metric_filter_for_s3_bucket_policy_changes.ts';
import { monitoringCases } from './lib/fixtures.ts';

testCheck(
  check,
  monitoringCases({
    pattern:
      '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
    variant:
      '{($.eventName=\'DeleteBucketReplication\')||($.eventName=\'DeleteBucketLifecycle\')||($.eventName=\'DeleteBucketCors\')||($.eventName=\'DeleteBucketPolicy\')||($.eventName=\'PutBucketReplication\')||($.eventName=\'PutBucketLifecycle\')||($.eventName=\'PutBucketCors\')||($.eventName=\'PutBucketPolicy\')||($.eventName=\'PutBucketAcl\')||($.eventSource=\'s3.amazonaws.com\')}',
    incomplete:
      '{ ($.eventSource = s3.amazonaws.com) || ($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) }',
  }),
);
