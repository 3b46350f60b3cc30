import type { Check } from '@vigil/engine';
import config_recorder_all_regions_enabled from './config_recorder_all_regions_enabled.ts';
import config_recorder_using_aws_service_role from './config_recorder_using_aws_service_role.ts';

export const checks: Check[] = [config_recorder_all_regions_enabled, config_recorder_using_aws_service_role];
