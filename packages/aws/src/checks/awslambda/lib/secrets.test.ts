import { describe, expect, it } from 'vitest';
import { findSecrets } from './secrets.ts';

describe('findSecrets', () => {
  it.each([
    ['AWS access key id', { KEY: 'AKIAIOSFODNN7EXAMPLE' }],
    ['private key', { CERT: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...' }],
    ['private key', { CERT: '-----BEGIN PRIVATE KEY-----' }],
    ['password= assignment', { CONN: 'Server=db;User Id=app;Password=S3cr3tValue;' }],
    ['credentials in a URL', { DATABASE_URL: 'postgres://app:hunter2@db.internal:5432/app' }],
    ['GitHub token', { GH: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' }],
    ['secret-like name with a literal value', { DB_PASSWORD: 'correct-horse-battery' }],
    ['secret-like name with a literal value', { STRIPE_API_KEY: 'abc123def456ghi' }],
  ])('detects %s', (kind, vars) => {
    expect(findSecrets(vars)).toEqual([{ name: Object.keys(vars)[0], kind }]);
  });

  it.each<Record<string, string>>([
    { STAGE: 'prod', LOG_LEVEL: 'debug' },
    { DB_PASSWORD_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' },
    { DB_PASSWORD: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db' },
    { DB_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders-db-AbCdEf' },
    { API_KEY: '/prod/api/key' },
    { TOKEN: '{{resolve:secretsmanager:x}}' },
    { SECRET: 'short' },
    { TOKEN: '3600000000' },
    { SERVICE_URL: 'https://api.example.com/v1' },
  ])('ignores %j', (vars) => {
    expect(findSecrets(vars)).toEqual([]);
  });
});
