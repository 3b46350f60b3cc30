import { defineAwsCheck } from '../../context.ts';
import type { ConfigRecorder, ConfigRecorderRegionAttributes } from '../../resources/config.ts';

const recordsAllTypes = (r: ConfigRecorder) =>
  r.recordingStrategy ? r.recordingStrategy === 'ALL_SUPPORTED_RESOURCE_TYPES' : r.allSupported;

export default defineAwsCheck<ConfigRecorderRegionAttributes>({
  id: 'config_recorder_all_regions_enabled',
  service: 'config',
  title: 'AWS Config records all supported resource types in every region',
  severity: 'medium',
  resourceType: 'AwsConfigRecorderRegion',
  requires: ['recorders', 'recorderStatuses'],
  categories: ['logging', 'forensics-ready'],
  description:
    'Checks, for each region, that an AWS Config configuration recorder exists, records all supported resource types, is recording, and did not fail its last delivery. Recording global (IAM) resource types is expected in one region only and is not required in each.',
  risk: 'Without AWS Config in a region there is no history of resource configurations there: changes made by an attacker or by mistake cannot be reconstructed, and Config rules and conformance packs cannot evaluate those resources.',
  remediation: {
    recommendation:
      'In every enabled region, set up AWS Config to record all supported resource types (global resource types in one region), with a delivery channel, and start the recorder.',
    cli: "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=arn:aws:iam::<account>:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig --recording-group allSupported=true,includeGlobalResourceTypes=true\naws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>\naws configservice start-configuration-recorder --configuration-recorder-name default",
    terraform:
      'resource "aws_config_configuration_recorder" "default" {\n  name     = "default"\n  role_arn = aws_iam_service_linked_role.config.arn\n  recording_group {\n    all_supported = true\n  }\n}\n\nresource "aws_config_configuration_recorder_status" "default" {\n  name       = aws_config_configuration_recorder.default.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.default]\n}',
    console: 'AWS Config console → Settings (or Get started) → Record all resource types supported in this region → choose the S3 bucket → Confirm, in each region.',
    url: 'https://docs.aws.amazon.com/config/latest/developerguide/gs-console.html',
  },
  evaluate(region) {
    const { recorders, recorderStatuses } = region.attributes;
    if (recorders.length === 0) return { status: 'FAIL', message: `Region ${region.name} has no AWS Config configuration recorder.` };
    const statusOf = (r: ConfigRecorder) => (recorderStatuses ?? []).find((s) => s.name === r.name);
    const recording = recorders.filter((r) => statusOf(r)?.recording);
    if (recording.length === 0) {
      return { status: 'FAIL', message: `Region ${region.name} has AWS Config recorder ${recorders.map((r) => r.name).join(', ')} but it is not recording.` };
    }
    const healthy = recording.filter((r) => statusOf(r)?.lastStatus?.toLowerCase() !== 'failure');
    if (healthy.length === 0) {
      const s = statusOf(recording[0] as ConfigRecorder);
      return {
        status: 'FAIL',
        message: `Region ${region.name} AWS Config recorder ${recording[0]?.name} is recording but its last status is Failure${s?.lastErrorCode ? ` (${s.lastErrorCode})` : ''}.`,
      };
    }
    const complete = healthy.find(recordsAllTypes);
    return complete
      ? { status: 'PASS', message: `Region ${region.name} AWS Config recorder ${complete.name} is recording all supported resource types.` }
      : {
          status: 'FAIL',
          message: `Region ${region.name} AWS Config recorder ${healthy[0]?.name} is recording only selected resource types, not all supported ones.`,
        };
  },
});
