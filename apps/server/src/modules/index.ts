import type { App, AppDeps } from '../context.ts';
import { apiKeysModule } from './api-keys/api-keys.routes.ts';
import { authModule } from './auth/auth.routes.ts';
import { membersModule } from './members/members.routes.ts';
import { providersRoutes } from './providers/providers.routes.ts';
import { scansRoutes } from './scans/scans.routes.ts';
import { checksRoutes } from './checks/checks.routes.ts';
import { complianceRoutes } from './compliance/compliance.routes.ts';
import { findingsRoutes } from './findings/findings.routes.ts';
import { overviewRoutes } from './overview/overview.routes.ts';
import { resourcesRoutes } from './resources/resources.routes.ts';
import { eventsModule } from './events/events.routes.ts';
import { schedulesRoutes } from './schedules/schedules.routes.ts';

/** A feature module: its public routes (no authentication) and its authenticated routes. */
export interface ApiModule {
  name: string;
  publicRoutes?: (app: App, deps: AppDeps) => Promise<void>;
  routes?: (app: App, deps: AppDeps) => Promise<void>;
}

/** Every module, in registration order. */
export const MODULES: readonly ApiModule[] = [
  authModule,
  membersModule,
  apiKeysModule,
  { name: 'providers', routes: providersRoutes },
  { name: 'scans', routes: scansRoutes },
  { name: 'findings', routes: findingsRoutes },
  { name: 'resources', routes: resourcesRoutes },
  { name: 'checks', routes: checksRoutes },
  { name: 'compliance', routes: complianceRoutes },
  { name: 'overview', routes: overviewRoutes },
  eventsModule,
  { name: 'schedules', routes: schedulesRoutes },
];
