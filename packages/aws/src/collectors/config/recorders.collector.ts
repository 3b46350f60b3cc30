import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { defineAwsCollector } from '../../context.ts';
import type { ConfigRecorder, ConfigRecorderRegionAttributes, ConfigRecorderStatus } from '../../resources/config.ts';

/**
 * The AWS Config recorders of a region (`AwsConfigRecorderRegion`, one per account and region,
 * also when the region has no recorder). `DescribeConfigurationRecorders` is not paginated.
 */
export default defineAwsCollector({
  id: 'config-recorders',
  service: 'config',
  resourceType: 'AwsConfigRecorderRegion',
  scope: 'regional',
  calls: [{ api: 'DescribeConfigurationRecorders', action: 'config:DescribeConfigurationRecorders' }],
  attributes: {
    recorders: {},
    recorderStatuses: {
      calls: [{ api: 'DescribeConfigurationRecorderStatus', action: 'config:DescribeConfigurationRecorderStatus' }],
      // A recorder deleted between the two calls.
      notConfigured: ['NoSuchConfigurationRecorderException'],
    },
  },
  async *collect(ctx) {
    const config = ctx.client(ConfigServiceClient);
    const { ConfigurationRecorders = [] } = await config.send(new DescribeConfigurationRecordersCommand({}));
    const recorders: ConfigRecorder[] = ConfigurationRecorders.map((r) => {
      const g = r.recordingGroup;
      const rec: ConfigRecorder = {
        name: r.name ?? '',
        allSupported: g?.allSupported ?? false,
        includeGlobalResourceTypes: g?.includeGlobalResourceTypes ?? false,
        resourceTypes: g?.resourceTypes ?? [],
        excludedResourceTypes: g?.exclusionByResourceTypes?.resourceTypes ?? [],
      };
      if (r.arn) rec.arn = r.arn;
      if (r.roleARN) rec.roleArn = r.roleARN;
      if (r.servicePrincipal) rec.servicePrincipal = r.servicePrincipal;
      if (g?.recordingStrategy?.useOnly) rec.recordingStrategy = g.recordingStrategy.useOnly;
      return rec;
    });
    const region = ctx.resource<Partial<ConfigRecorderRegionAttributes>>({
      id: ctx.arn('config', 'configuration-recorders'),
      name: ctx.region,
      attributes: { recorders },
    });
    await ctx.enrich(region, 'recorderStatuses', async () => {
      // No recorder, nothing to ask.
      if (recorders.length === 0) return [];
      const { ConfigurationRecordersStatus = [] } = await config.send(new DescribeConfigurationRecorderStatusCommand({}));
      return ConfigurationRecordersStatus.map((s) => {
        const status: ConfigRecorderStatus = { name: s.name ?? '', recording: s.recording ?? false };
        if (s.lastStatus) status.lastStatus = s.lastStatus;
        if (s.lastErrorCode) status.lastErrorCode = s.lastErrorCode;
        if (s.lastStatusChangeTime) status.lastStatusChangeTime = s.lastStatusChangeTime.toISOString();
        return status;
      });
    });
    yield region;
  },
});
