import { Type } from '@fastify/type-provider-typebox';
import type { App, AppDeps } from '../../context.ts';
import { ApiError } from '../../errors.ts';

const Health = Type.Object({ status: Type.String() });

/** `/healthz`: the process answers. `/readyz`: the database answers too. */
export async function healthRoutes(app: App, _deps: AppDeps, pingDatabase: () => Promise<void>): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness: the process answers', security: [], response: { 200: Health } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { tags: ['health'], summary: 'Readiness: the process and its database answer', security: [], response: { 200: Health } } }, async () => {
    try {
      await pingDatabase();
    } catch (err) {
      throw new ApiError('UNAVAILABLE', `The database is not reachable: ${(err as Error).message}`);
    }
    return { status: 'ready' };
  });
}
