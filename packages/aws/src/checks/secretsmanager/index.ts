import type { Check } from '@vigil/engine';
import automaticRotation from './secretsmanager_automatic_rotation_enabled.ts';
import notPubliclyAccessible from './secretsmanager_not_publicly_accessible.ts';
import rotatedPeriodically from './secretsmanager_secret_rotated_periodically.ts';
import unused from './secretsmanager_secret_unused.ts';

export const checks: Check[] = [automaticRotation, rotatedPeriodically, unused, notPubliclyAccessible];
