import { AccessAnalyzerClient, paginateListAnalyzers, paginateListFindingsV2 } from '@aws-sdk/client-accessanalyzer';
import { defineAwsCollector } from '../../context.ts';
import type { AccessAnalyzerRegionAttributes, AccessAnalyzerSummary } from '../../resources/accessanalyzer.ts';
import { EXTERNAL_ACCESS_ANALYZER_TYPES } from '../../resources/accessanalyzer.ts';

/**
 * IAM Access Analyzer in one region (`AwsAccessAnalyzerRegion`, regional singleton): the
 * analyzers ListAnalyzers returns (an empty list when none was created), and as an enrichment
 * the number of ACTIVE findings of each ACTIVE external-access analyzer.
 */
export default defineAwsCollector({
  id: 'accessanalyzer-region',
  service: 'accessanalyzer',
  resourceType: 'AwsAccessAnalyzerRegion',
  scope: 'regional',
  calls: [{ api: 'ListAnalyzers', action: 'access-analyzer:ListAnalyzers' }],
  attributes: {
    analyzers: {},
    activeFindingCounts: { calls: [{ api: 'ListFindingsV2', action: 'access-analyzer:ListFindingsV2' }] },
  },
  async *collect(ctx) {
    const aa = ctx.client(AccessAnalyzerClient);
    const analyzers: AccessAnalyzerSummary[] = [];
    for await (const page of paginateListAnalyzers({ client: aa }, {})) {
      for (const a of page.analyzers ?? []) {
        analyzers.push({
          arn: a.arn ?? '',
          name: a.name ?? '',
          type: a.type ?? 'UNKNOWN',
          status: a.status ?? 'UNKNOWN',
          statusReason: a.statusReason?.code,
          createdAt: a.createdAt?.toISOString(),
          lastResourceAnalyzedAt: a.lastResourceAnalyzedAt?.toISOString(),
          tags: a.tags ?? {},
        });
      }
    }
    const resource = ctx.resource<Partial<AccessAnalyzerRegionAttributes>>({
      id: ctx.arn('access-analyzer', 'analyzers'),
      name: `IAM Access Analyzer in ${ctx.region}`,
      attributes: { analyzers },
    });
    await ctx.enrich(resource, 'activeFindingCounts', async () => {
      const counted = analyzers.filter((a) => a.status === 'ACTIVE' && EXTERNAL_ACCESS_ANALYZER_TYPES.includes(a.type));
      const counts = await ctx.map(
        counted,
        async (a) => {
          let n = 0;
          const input = { analyzerArn: a.arn, filter: { status: { eq: ['ACTIVE'] } } };
          for await (const page of paginateListFindingsV2({ client: aa }, input)) n += page.findings?.length ?? 0;
          return [a.arn, n] as const;
        },
        4,
      );
      return Object.fromEntries(counts);
    });
    yield resource;
  },
});
