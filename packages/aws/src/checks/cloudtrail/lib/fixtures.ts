/** Test fixtures shared by the CloudTrail check tests. */
import { buildResource } from '@vigil/engine/testing';
import type { CloudTrailRegionAttributes, TrailEventSelectors } from '../../../resources/cloudtrail.ts';

export { trail } from '../../cloudwatch/lib/fixtures.ts';

export const regionOf = (name = 'eu-west-1') =>
  buildResource<CloudTrailRegionAttributes>('AwsCloudTrailRegion', {}, { name, region: name });

export const MANAGEMENT_ONLY: TrailEventSelectors = {
  basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }],
  advanced: [],
};

export const basicS3 = (readWriteType: string, values = ['arn:aws:s3']): TrailEventSelectors => ({
  basic: [{ readWriteType, includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values }], excludeManagementEventSources: [] }],
  advanced: [],
});

export const advancedS3 = (extra: TrailEventSelectors['advanced'][number]['fieldSelectors'] = []): TrailEventSelectors => ({
  basic: [],
  advanced: [
    { name: 'Management', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] },
    {
      name: 'S3',
      fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }, ...extra],
    },
  ],
});
