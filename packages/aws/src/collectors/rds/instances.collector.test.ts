import { DescribeDBInstancesCommand, DescribeDBParametersCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './instances.collector.ts';

const rds = mockClient(RDSClient);

const postgres = {
  DBInstanceIdentifier: 'orders-db',
  DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders-db',
  DBInstanceClass: 'db.m6g.large',
  Engine: 'postgres',
  EngineVersion: '16.4',
  DBInstanceStatus: 'available',
  MasterUsername: 'postgres',
  Endpoint: { Address: 'orders-db.abc123.us-east-1.rds.amazonaws.com', Port: 5432, HostedZoneId: 'Z2R2ITUGPM61AM' },
  AllocatedStorage: 100,
  BackupRetentionPeriod: 7,
  DBParameterGroups: [{ DBParameterGroupName: 'default.postgres16', ParameterApplyStatus: 'in-sync' }],
  DBSubnetGroup: { DBSubnetGroupName: 'private', VpcId: 'vpc-0abc', SubnetGroupStatus: 'Complete' },
  MultiAZ: true,
  AutoMinorVersionUpgrade: true,
  PubliclyAccessible: false,
  StorageEncrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  DbInstancePort: 0,
  CACertificateIdentifier: 'rds-ca-rsa2048-g1',
  CertificateDetails: { CAIdentifier: 'rds-ca-rsa2048-g1', ValidTill: new Date('2027-01-15T00:00:00Z') },
  CopyTagsToSnapshot: true,
  MonitoringInterval: 60,
  IAMDatabaseAuthenticationEnabled: true,
  EnabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
  DeletionProtection: true,
  TagList: [{ Key: 'env', Value: 'prod' }],
};

const auroraMember = {
  DBInstanceIdentifier: 'aurora-1-instance-1',
  DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:aurora-1-instance-1',
  DBInstanceClass: 'db.r6g.large',
  Engine: 'aurora-mysql',
  EngineVersion: '8.0.mysql_aurora.3.05.2',
  DBInstanceStatus: 'available',
  MasterUsername: 'admin',
  Endpoint: { Address: 'aurora-1-instance-1.abc123.us-east-1.rds.amazonaws.com', Port: 3306 },
  BackupRetentionPeriod: 1,
  MultiAZ: false,
  AutoMinorVersionUpgrade: true,
  PubliclyAccessible: true,
  StorageEncrypted: false,
  DBClusterIdentifier: 'aurora-1',
  MonitoringInterval: 0,
  DeletionProtection: false,
  TagList: [],
};

const docdb = { ...auroraMember, DBInstanceIdentifier: 'docs-1', Engine: 'docdb', DBClusterIdentifier: 'docs' };

function mockDefaultPostgresParameters() {
  rds
    .on(DescribeDBParametersCommand, { DBParameterGroupName: 'default.postgres16' })
    .resolves({
      Parameters: [
        { ParameterName: 'autovacuum', ParameterValue: '1', Source: 'engine-default', ApplyType: 'dynamic', DataType: 'boolean', IsModifiable: true },
        { ParameterName: 'password_encryption', ParameterValue: 'scram-sha-256', Source: 'system', ApplyType: 'dynamic', IsModifiable: true },
      ],
      Marker: 'params2',
    })
    .on(DescribeDBParametersCommand, { DBParameterGroupName: 'default.postgres16', Marker: 'params2' })
    .resolves({
      Parameters: [
        { ParameterName: 'rds.force_ssl', ParameterValue: '1', Source: 'system', ApplyType: 'dynamic', DataType: 'boolean', IsModifiable: true },
        { ParameterName: 'ssl_ciphers', Source: 'engine-default', ApplyType: 'dynamic', IsModifiable: true },
      ],
    });
}

describe('rds-instances collector', () => {
  beforeEach(() => rds.reset());

  it('reads every page and leaves DocumentDB and Neptune out', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [postgres], Marker: 'page2' })
      .on(DescribeDBInstancesCommand, { Marker: 'page2' })
      .resolves({ DBInstances: [auroraMember, docdb, { ...docdb, DBInstanceIdentifier: 'graph-1', Engine: 'neptune' }] });
    mockDefaultPostgresParameters();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['orders-db', 'aurora-1-instance-1']);
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2);
    const [pg, aurora] = resources;
    expect(pg?.id).toBe('arn:aws:rds:us-east-1:123456789012:db:orders-db');
    expect(pg?.tags).toEqual({ env: 'prod' });
    expect(pg?.attributes).toEqual({
      identifier: 'orders-db',
      engine: 'postgres',
      engineVersion: '16.4',
      instanceClass: 'db.m6g.large',
      status: 'available',
      dbClusterIdentifier: null,
      readReplicaSource: null,
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      publiclyAccessible: false,
      multiAZ: true,
      autoMinorVersionUpgrade: true,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      monitoringInterval: 60,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      copyTagsToSnapshot: true,
      masterUsername: 'postgres',
      port: 5432,
      vpcId: 'vpc-0abc',
      caCertificateIdentifier: 'rds-ca-rsa2048-g1',
      certificateValidTill: '2027-01-15T00:00:00.000Z',
      parameterGroups: ['default.postgres16'],
      transportParameters: { 'rds.force_ssl': '1' },
    });
    expect(pg?.errors).toEqual({});
    expect(aurora?.attributes).toMatchObject({
      dbClusterIdentifier: 'aurora-1',
      publiclyAccessible: true,
      storageEncrypted: false,
      enabledCloudwatchLogsExports: [],
      copyTagsToSnapshot: false,
      iamDatabaseAuthenticationEnabled: false,
      vpcId: null,
      certificateValidTill: null,
      parameterGroups: [],
      transportParameters: null,
    });
    // The parameter group is read to the last page, and only for the standalone instance.
    expect(rds.commandCalls(DescribeDBParametersCommand).map((c) => c.args[0].input)).toEqual([
      { DBParameterGroupName: 'default.postgres16', MaxRecords: 100, Marker: undefined },
      { DBParameterGroupName: 'default.postgres16', MaxRecords: 100, Marker: 'params2' },
    ]);
  });

  it('handles a region without instances', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    const { resources, stats } = await collect(collector);
    expect(resources).toEqual([]);
    expect(stats.apiCalls).toBe(1);
  });

  it('rejects when the listing is denied', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBInstances', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ DBInstances: [postgres] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('reads a parameter group shared by several instances once', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        { ...postgres, DBInstanceIdentifier: 'a', DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:a' },
        { ...postgres, DBInstanceIdentifier: 'b', DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:b' },
        { ...postgres, DBInstanceIdentifier: 'c', DBInstanceArn: 'arn:aws:rds:us-east-1:123456789012:db:c', Engine: 'oracle-ee' },
      ],
    });
    mockDefaultPostgresParameters();
    const { resources } = await collect(collector, { wants: ['transportParameters'] });
    expect(resources.map((r) => r.attributes.transportParameters)).toEqual([{ 'rds.force_ssl': '1' }, { 'rds.force_ssl': '1' }, null]);
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(2);
  });

  it('records AccessDenied on the parameters on each instance using the group', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [postgres, auroraMember] });
    rds.on(DescribeDBParametersCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBParameters', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.transportParameters?.code).toBe('AccessDenied');
    expect(resources[0]?.attributes).not.toHaveProperty('transportParameters');
    expect(resources[1]?.errors).toEqual({});
  });

  it('retries throttling on the parameters', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [postgres] });
    rds
      .on(DescribeDBParametersCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ Parameters: [{ ParameterName: 'rds.force_ssl', ParameterValue: '0', Source: 'user' }] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes.transportParameters).toEqual({ 'rds.force_ssl': '0' });
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call when no attribute is wanted', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [postgres] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.apiCalls).toBe(1);
    expect(rds.commandCalls(DescribeDBParametersCommand)).toHaveLength(0);
    expect(resources[0]?.attributes).not.toHaveProperty('transportParameters');
  });
});
