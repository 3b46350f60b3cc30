import type { Check } from '@vigil/engine';
import type { CheckCases } from '@vigil/engine/testing';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import type { GuardDutyDataSources, GuardDutyDetectorAttributes, GuardDutyDetectorDetails } from '../../resources/guardduty.ts';

export const DETECTOR_ID = '12abc34d567e8fa901bc2d34e56789f0';

/** A detector with the given feature statuses (`{ S3_DATA_EVENTS: 'ENABLED' }`). */
export function detector(
  features: Record<string, string> = {},
  over: Partial<GuardDutyDetectorDetails> = {},
): GuardDutyDetectorDetails {
  return {
    id: DETECTOR_ID,
    status: 'ENABLED',
    features: Object.fromEntries(Object.entries(features).map(([k, status]) => [k, { status, additionalConfiguration: {} }])),
    dataSources: null,
    tags: {},
    ...over,
  };
}

/** The GuardDuty singleton of a region; no detector when `attrs.detector` is null. */
export function guardduty(attrs: Partial<GuardDutyDetectorAttributes>, region = 'us-east-1') {
  const hasDetector = attrs.detector !== null;
  return buildResource<GuardDutyDetectorAttributes>(
    'AwsGuardDutyDetector',
    {
      detectorIds: hasDetector ? [DETECTOR_ID] : [],
      detector: hasDetector ? detector() : null,
      administrator: null,
      memberAccountIds: hasDetector ? [] : null,
      highSeverityFindings: hasDetector ? { count: 0, sampleIds: [] } : null,
      ...attrs,
    },
    { name: `GuardDuty in ${region}`, region, id: `arn:aws:guardduty:${region}:123456789012:detectors` },
  );
}

/** The PASS/FAIL/MANUAL/ERROR/not-applicable cases every protection-plan check shares. */
export function testFeatureCheck(
  check: Check,
  feature: string,
  label: string,
  legacy?: keyof GuardDutyDataSources,
  extra: CheckCases = {},
): void {
  testCheck(check, {
    pass: [
      { name: 'feature enabled', resource: guardduty({ detector: detector({ [feature]: 'ENABLED' }) }), message: `${label} enabled` },
      ...(legacy
        ? [
            {
              name: 'older detector: legacy data source enabled',
              resource: guardduty({ detector: detector({}, { dataSources: { [legacy]: 'ENABLED' } }) }),
            },
          ]
        : []),
      ...(extra.pass ?? []),
    ],
    fail: [
      { name: 'feature disabled', resource: guardduty({ detector: detector({ [feature]: 'DISABLED' }) }), message: `${label} disabled` },
      {
        name: 'detector suspended',
        resource: guardduty({ detector: detector({ [feature]: 'ENABLED' }, { status: 'DISABLED' }) }),
        message: 'suspended',
      },
      ...(legacy
        ? [
            {
              name: 'Features say disabled although the legacy view says enabled',
              resource: guardduty({ detector: detector({ [feature]: 'DISABLED' }, { dataSources: { [legacy]: 'ENABLED' } }) }),
            },
          ]
        : []),
      ...(extra.fail ?? []),
    ],
    manual: [{ name: 'plan not reported in the region', resource: guardduty({ detector: detector({ CLOUD_TRAIL: 'ENABLED' }) }) }],
    error: [
      { name: 'GetDetector denied', resource: withError(guardduty({}), 'detector', 'AccessDeniedException'), code: 'AccessDeniedException' },
    ],
    notApplicable: [{ name: 'no detector', resource: guardduty({ detector: null }) }],
  });
}
