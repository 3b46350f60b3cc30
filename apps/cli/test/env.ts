import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Isolates the AWS SDK from the developer's own configuration and instance metadata. */
export function isolateAws(accessKeyId = 'AKIDVIGILTEST'): void {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-aws-'));
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_ACCESS_KEY_ID = accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = 'vigil-test-secret';
  process.env.AWS_REGION = 'us-east-1';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_ENDPOINT_URL;
}

export function tempDir(prefix = 'vigil-out-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
