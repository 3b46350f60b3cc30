import type { Check } from '@vigil/engine';
import noHttpSubscriptions from './sns_subscription_not_using_http_endpoints.ts';
import kmsEncryption from './sns_topics_kms_encryption_at_rest_enabled.ts';
import notPubliclyAccessible from './sns_topics_not_publicly_accessible.ts';

export const checks: Check[] = [kmsEncryption, notPubliclyAccessible, noHttpSubscriptions];
