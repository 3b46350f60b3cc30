import type { AwsCollector } from '../../context.ts';
import account from './account.collector.ts';
import groups from './groups.collector.ts';
import inlinePolicies from './inline-policies.collector.ts';
import policies from './policies.collector.ts';
import roles from './roles.collector.ts';
import serverCertificates from './server-certificates.collector.ts';
import users from './users.collector.ts';

export const collectors: AwsCollector[] = [account, users, roles, groups, policies, inlinePolicies, serverCertificates];
