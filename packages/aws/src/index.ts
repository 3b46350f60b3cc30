export * from './context.ts';
export * from './auth.ts';
export * from './scan-units.ts';
export * from './organizations.ts';
export * from './catalog.ts';

/** Calls every scan makes besides the collectors': the identity and the region list. */
export const AWS_BASE_ACTIONS = ['sts:GetCallerIdentity', 'ec2:DescribeRegions'] as const;
