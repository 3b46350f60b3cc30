import { defineMonitoringCheck } from './lib/monitoring.ts';

/** CIS AWS 4.0 requirement 4.8. */
export default defineMonitoringCheck({
  id: 'cloudwatch_log_metric_filter_for_s3_bucket_policy_changes',
  title: 'A CloudWatch metric filter and alarm exist for S3 bucket policy changes',
  subject: 'S3 bucket policy changes',
  metricName: 'S3BucketPolicyChanges',
  pattern:
    '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
  description:
    'Checks that changes to S3 bucket policies, ACLs, CORS, lifecycle and replication settings are counted and alarmed on.',
  risk:
    'A changed bucket policy or ACL can expose data publicly or to another account, and lifecycle or replication changes can silently delete or copy it away.',
});
