import { Type } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { ErrorResponse } from '../auth/auth.schemas.ts';
import type { ApiModule } from '../index.ts';
import { AddedMember, AddMemberBody, Member, MemberList, MemberParams, UpdateMemberBody } from './members.schemas.ts';
import { createMembersService } from './members.service.ts';
import type { MembersService } from './members.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** `/members`: everyone reads; admins and owners manage; only owners touch owners. */
export async function membersRoutes(app: App, deps: AppDeps, service: MembersService = createMembersService(deps)): Promise<void> {
  app.get(
    '/members',
    { schema: { tags: ['members'], summary: "The tenant's members and their roles", response: { 200: MemberList, ...errors } } },
    async (request) => ({ items: await service.list(request.auth) }),
  );

  app.post(
    '/members',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['members'],
        summary: 'Add a user by email; a user without a password gets a one-time invitation token',
        body: AddMemberBody,
        response: { 201: AddedMember, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.add(request.auth, request.body)),
  );

  app.patch(
    '/members/:userId',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['members'],
        summary: "Change a member's role (the last owner cannot be demoted)",
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: Member, ...errors },
      },
    },
    async (request) => service.updateRole(request.auth, request.params.userId, request.body.role),
  );

  app.delete(
    '/members/:userId',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['members'],
        summary: 'Remove a member from the tenant (not the last owner)',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(request.auth, request.params.userId);
      return reply.status(204).send(null);
    },
  );
}

export const membersModule: ApiModule = { name: 'members', routes: (app, deps) => membersRoutes(app, deps) };
