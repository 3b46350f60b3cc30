import type { LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import { DescribeLaunchTemplateVersionsCommand, EC2Client, paginateDescribeLaunchTemplates } from '@aws-sdk/client-ec2';
import { defineAwsCollector } from '../../context.ts';
import type { Ec2LaunchTemplateAttributes, LaunchTemplateVersionInfo } from '../../resources/ec2-compute.ts';
import { decodeUserData, } from './compute-instances.collector.ts';
import { tagRecord } from '../../lib/tags.ts';

function versionInfo(v: LaunchTemplateVersion): LaunchTemplateVersionInfo {
  const data = v.LaunchTemplateData ?? {};
  const m = data.MetadataOptions;
  return {
    versionNumber: v.VersionNumber ?? 0,
    isDefault: v.DefaultVersion ?? false,
    metadataOptions: m
      ? { httpTokens: m.HttpTokens, httpEndpoint: m.HttpEndpoint, httpPutResponseHopLimit: m.HttpPutResponseHopLimit }
      : null,
    associatePublicIpAddress: (data.NetworkInterfaces ?? []).some((n) => n.AssociatePublicIpAddress === true),
  };
}

/**
 * Launch templates (`AwsEc2LaunchTemplate`, regional). The default and latest versions
 * (the ones used when a caller names no version) are read with one
 * DescribeLaunchTemplateVersions call per template, shared by both enrichment attributes.
 */
export default defineAwsCollector({
  id: 'ec2-launch-templates',
  service: 'ec2',
  resourceType: 'AwsEc2LaunchTemplate',
  scope: 'regional',
  calls: [{ api: 'DescribeLaunchTemplates', action: 'ec2:DescribeLaunchTemplates' }],
  attributes: {
    launchTemplateId: {},
    defaultVersionNumber: {},
    latestVersionNumber: {},
    versions: {
      calls: [{ api: 'DescribeLaunchTemplateVersions', action: 'ec2:DescribeLaunchTemplateVersions' }],
      // The template was deleted between the listing and this call.
      notConfigured: ['InvalidLaunchTemplateId.NotFound'],
    },
    versionsUserData: {
      sensitive: true,
      calls: [{ api: 'DescribeLaunchTemplateVersions', action: 'ec2:DescribeLaunchTemplateVersions' }],
      notConfigured: ['InvalidLaunchTemplateId.NotFound'],
    },
  },
  async *collect(ctx) {
    const ec2 = ctx.client(EC2Client);
    for await (const page of paginateDescribeLaunchTemplates({ client: ec2 }, { MaxResults: 200 })) {
      const templates = (page.LaunchTemplates ?? []).filter((t) => t.LaunchTemplateId);
      const resources = await ctx.map(
        templates,
        async (t) => {
          const launchTemplateId = t.LaunchTemplateId as string;
          const r = ctx.resource<Partial<Ec2LaunchTemplateAttributes>>({
            id: ctx.arn('ec2', `launch-template/${launchTemplateId}`),
            name: t.LaunchTemplateName ?? launchTemplateId,
            tags: tagRecord(t.Tags),
            attributes: {
              launchTemplateId,
              defaultVersionNumber: t.DefaultVersionNumber ?? null,
              latestVersionNumber: t.LatestVersionNumber ?? null,
            },
          });
          let pending: Promise<LaunchTemplateVersion[]> | undefined;
          const versions = () =>
            (pending ??= ec2
              .send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: launchTemplateId, Versions: ['$Default', '$Latest'] }))
              .then((out) => {
                const seen = new Map<number, LaunchTemplateVersion>();
                for (const v of out.LaunchTemplateVersions ?? []) seen.set(v.VersionNumber ?? 0, v);
                return [...seen.values()];
              }));
          await ctx.enrich(r, 'versions', async () => (await versions()).map(versionInfo));
          await ctx.enrich(r, 'versionsUserData', async () =>
            (await versions()).map((v) => ({
              versionNumber: v.VersionNumber ?? 0,
              userData: decodeUserData(v.LaunchTemplateData?.UserData),
            })),
          );
          return r;
        },
        8,
      );
      yield* resources;
    }
  },
});
