import type { VpcFlowLog } from '../../resources/ec2-network.ts';
import { testCheck, withError } from '../../testing/index.ts';
import { vpc } from '../ec2/lib/network-fixtures.ts';
import check from './vpc_flow_logs_enabled.ts';

const log = (f: Partial<VpcFlowLog> = {}): VpcFlowLog => ({
  flowLogId: 'fl-0a1b2c3d',
  status: 'ACTIVE',
  trafficType: 'ALL',
  destinationType: 's3',
  destination: 'arn:aws:s3:::flow-logs',
  deliverLogsStatus: 'SUCCESS',
  ...f,
});

testCheck(check, {
  pass: [
    { name: 'ALL to S3', resource: vpc({ flowLogs: [log()] }), message: 'fl-0a1b2c3d capturing ALL' },
    { name: 'REJECT to CloudWatch Logs', resource: vpc({ flowLogs: [log({ trafficType: 'REJECT', destinationType: 'cloud-watch-logs' })] }) },
    { name: 'one good log among others', resource: vpc({ flowLogs: [log({ trafficType: 'ACCEPT' }), log({ flowLogId: 'fl-2', deliverLogsStatus: null })] }), message: 'fl-2' },
  ],
  fail: [
    { name: 'no flow log', resource: vpc({ flowLogs: [] }), message: 'no active flow log' },
    { name: 'default VPC without flow log', resource: vpc({ isDefault: true, flowLogs: [] }, { name: 'vpc-default' }), message: '(default)' },
    { name: 'accepted traffic only', resource: vpc({ flowLogs: [log({ trafficType: 'ACCEPT' })] }), message: 'accepted traffic only' },
    { name: 'delivery failing', resource: vpc({ flowLogs: [log({ deliverLogsStatus: 'FAILED' })] }), message: 'delivery is failing' },
    { name: 'not active', resource: vpc({ flowLogs: [log({ status: 'INACTIVE' })] }), message: 'no active flow log' },
  ],
  error: [{ name: 'DescribeFlowLogs denied', resource: withError(vpc(), 'flowLogs', 'UnauthorizedOperation'), code: 'UnauthorizedOperation' }],
});
