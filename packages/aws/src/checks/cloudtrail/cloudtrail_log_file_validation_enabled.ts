import { defineAwsCheck } from '../../context.ts';
import type { TrailAttributes } from '../../resources/cloudtrail.ts';

export default defineAwsCheck<TrailAttributes>({
  id: 'cloudtrail_log_file_validation_enabled',
  service: 'cloudtrail',
  title: 'CloudTrail trail has log file integrity validation enabled',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  requires: ['logFileValidationEnabled'],
  categories: ['logging', 'forensics-ready'],
  description:
    'Checks that the trail delivers signed digest files, which let you prove that log files were not changed or deleted after CloudTrail delivered them.',
  risk: 'Without digest files, an attacker with access to the log bucket can edit or remove log files to hide activity, and nobody can show that the logs are complete and unaltered.',
  remediation: {
    recommendation: 'Turn on log file validation on the trail and validate the logs with the CLI when investigating.',
    cli: 'aws cloudtrail update-trail --name <trail> --enable-log-file-validation',
    terraform: 'resource "aws_cloudtrail" "account" {\n  # ...\n  enable_log_file_validation = true\n}',
    cloudformation: 'Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    EnableLogFileValidation: true',
    console: 'CloudTrail console → Trails → the trail → General details → Edit → Log file validation: Enabled.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html',
  },
  evaluate(trail) {
    return trail.attributes.logFileValidationEnabled
      ? { status: 'PASS', message: `Trail ${trail.name} has log file validation enabled.` }
      : { status: 'FAIL', message: `Trail ${trail.name} does not have log file validation enabled.` };
  },
});
