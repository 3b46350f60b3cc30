import type { DBInstance, DescribeDBInstancesCommandOutput, DescribeDBParametersCommandOutput } from '@aws-sdk/client-rds';
import { DescribeDBInstancesCommand, DescribeDBParametersCommand, RDSClient } from '@aws-sdk/client-rds';
import { defineAwsCollector } from '../../context.ts';
import type { RdsDbInstanceAttributes } from '../../resources/rds.ts';
import { isOtherServiceEngine, iso } from './shared.ts';
import { tagRecord } from '../../lib/tags.ts';

/** Parameters that make the engine refuse unencrypted connections. */
export const TRANSPORT_PARAMETERS = ['rds.force_ssl', 'require_secure_transport'];
/** Engines whose TLS enforcement is a DB parameter (Oracle and Db2 use option groups or other settings). */
export function transportParameterEngine(engine: string): boolean {
  return engine === 'postgres' || engine === 'mysql' || engine === 'mariadb' || engine.startsWith('sqlserver');
}

function attributesOf(i: DBInstance): Omit<RdsDbInstanceAttributes, 'transportParameters'> {
  return {
    identifier: i.DBInstanceIdentifier ?? '',
    engine: i.Engine ?? '',
    engineVersion: i.EngineVersion ?? '',
    instanceClass: i.DBInstanceClass ?? '',
    status: i.DBInstanceStatus ?? '',
    dbClusterIdentifier: i.DBClusterIdentifier ?? null,
    readReplicaSource: i.ReadReplicaSourceDBInstanceIdentifier ?? i.ReadReplicaSourceDBClusterIdentifier ?? null,
    storageEncrypted: i.StorageEncrypted ?? false,
    kmsKeyId: i.KmsKeyId ?? null,
    publiclyAccessible: i.PubliclyAccessible ?? false,
    multiAZ: i.MultiAZ ?? false,
    autoMinorVersionUpgrade: i.AutoMinorVersionUpgrade ?? false,
    backupRetentionPeriod: i.BackupRetentionPeriod ?? 0,
    deletionProtection: i.DeletionProtection ?? false,
    iamDatabaseAuthenticationEnabled: i.IAMDatabaseAuthenticationEnabled ?? false,
    monitoringInterval: i.MonitoringInterval ?? 0,
    enabledCloudwatchLogsExports: i.EnabledCloudwatchLogsExports ?? [],
    copyTagsToSnapshot: i.CopyTagsToSnapshot ?? false,
    masterUsername: i.MasterUsername ?? null,
    port: i.Endpoint?.Port ?? (i.DbInstancePort ? i.DbInstancePort : null),
    vpcId: i.DBSubnetGroup?.VpcId ?? null,
    caCertificateIdentifier: i.CertificateDetails?.CAIdentifier ?? i.CACertificateIdentifier ?? null,
    certificateValidTill: iso(i.CertificateDetails?.ValidTill),
    parameterGroups: (i.DBParameterGroups ?? []).flatMap((g) => (g.DBParameterGroupName ? [g.DBParameterGroupName] : [])),
  };
}

/** RDS DB instances (`AwsRdsDbInstance`, regional), Aurora members included, DocumentDB and Neptune instances left out. */
export default defineAwsCollector({
  id: 'rds-instances',
  service: 'rds',
  resourceType: 'AwsRdsDbInstance',
  scope: 'regional',
  calls: [{ api: 'DescribeDBInstances', action: 'rds:DescribeDBInstances' }],
  attributes: {
    identifier: {},
    engine: {},
    engineVersion: {},
    instanceClass: {},
    status: {},
    dbClusterIdentifier: {},
    readReplicaSource: {},
    storageEncrypted: {},
    kmsKeyId: {},
    publiclyAccessible: {},
    multiAZ: {},
    autoMinorVersionUpgrade: {},
    backupRetentionPeriod: {},
    deletionProtection: {},
    iamDatabaseAuthenticationEnabled: {},
    monitoringInterval: {},
    enabledCloudwatchLogsExports: {},
    copyTagsToSnapshot: {},
    masterUsername: {},
    port: {},
    vpcId: {},
    caCertificateIdentifier: {},
    certificateValidTill: {},
    parameterGroups: {},
    transportParameters: { calls: [{ api: 'DescribeDBParameters', action: 'rds:DescribeDBParameters' }] },
  },
  async *collect(ctx) {
    const rds = ctx.client(RDSClient);

    // Parameter groups are shared by many instances: read each one once per unit.
    const groups = new Map<string, Promise<Record<string, string>>>();
    const readGroup = async (name: string): Promise<Record<string, string>> => {
      const values: Record<string, string> = {};
      let marker: string | undefined;
      do {
        const page: DescribeDBParametersCommandOutput = await rds.send(
          new DescribeDBParametersCommand({ DBParameterGroupName: name, MaxRecords: 100, Marker: marker }),
        );
        for (const p of page.Parameters ?? []) {
          if (p.ParameterName && TRANSPORT_PARAMETERS.includes(p.ParameterName) && p.ParameterValue !== undefined) {
            values[p.ParameterName] = p.ParameterValue;
          }
        }
        marker = page.Marker;
      } while (marker);
      return values;
    };
    const group = (name: string) => {
      let g = groups.get(name);
      if (!g) groups.set(name, (g = readGroup(name)));
      return g;
    };

    let marker: string | undefined;
    do {
      const page: DescribeDBInstancesCommandOutput = await rds.send(new DescribeDBInstancesCommand({ MaxRecords: 100, Marker: marker }));
      const batch = (page.DBInstances ?? [])
        .filter((i) => !isOtherServiceEngine(i.Engine) && i.DBInstanceIdentifier)
        .map((i) =>
          ctx.resource<Partial<RdsDbInstanceAttributes>>({
            id: i.DBInstanceArn ?? ctx.arn('rds', `db:${i.DBInstanceIdentifier}`),
            name: i.DBInstanceIdentifier ?? '',
            tags: tagRecord(i.TagList),
            attributes: attributesOf(i),
          }),
        );
      await ctx.map(
        batch,
        (db) =>
          ctx.enrich(db, 'transportParameters', async () => {
            const a = db.attributes;
            if (a.dbClusterIdentifier || !transportParameterEngine(a.engine ?? '')) return null;
            const values: Record<string, string> = {};
            for (const name of a.parameterGroups ?? []) Object.assign(values, await group(name));
            return values;
          }),
        8,
      );
      yield* batch;
      marker = page.Marker;
    } while (marker);
  },
});
