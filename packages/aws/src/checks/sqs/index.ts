import type { Check } from '@vigil/engine';
import notPubliclyAccessible from './sqs_queues_not_publicly_accessible.ts';
import serverSideEncryption from './sqs_queues_server_side_encryption_enabled.ts';

export const checks: Check[] = [serverSideEncryption, notPubliclyAccessible];
