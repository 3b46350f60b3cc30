import type { AttributeError, Resource } from '../model.ts';

export interface BuildOptions {
  provider?: string;
  account?: string;
  region?: string;
  id?: string;
  name?: string;
  tags?: Record<string, string>;
  errors?: Record<string, AttributeError>;
}

/** A plain resource fixture with sensible defaults (AWS account 123456789012, us-east-1). */
export function buildResource<A extends object>(type: string, attributes: A, o: BuildOptions = {}): Resource<A> {
  const name = o.name ?? 'example';
  const region = o.region ?? 'us-east-1';
  const account = o.account ?? '123456789012';
  return {
    provider: o.provider ?? 'aws',
    account,
    region,
    type,
    id: o.id ?? `arn:aws:test:${region}:${account}:${type}/${name}`,
    name,
    tags: o.tags ?? {},
    attributes,
    errors: o.errors ?? {},
  };
}

/** A copy of `resource` whose `attribute` failed to collect with `code` (AccessDenied by default). */
export function withError<A extends object>(
  resource: Resource<A>,
  attribute: keyof A & string,
  code = 'AccessDenied',
  message = 'User is not authorized to perform this operation',
): Resource<A> {
  return { ...resource, errors: { ...resource.errors, [attribute]: { code, message } } };
}
