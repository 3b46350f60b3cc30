import { Type } from '@fastify/type-provider-typebox';
import { requireRole } from '../../auth.ts';
import type { App, AppDeps } from '../../context.ts';
import { ErrorResponse } from '../auth/auth.schemas.ts';
import type { ApiModule } from '../index.ts';
import {
  AddedMember,
  AddMemberBody,
  CreatedInvitation,
  CreateInvitationBody,
  InvitationList,
  InvitationParams,
  Member,
  MemberList,
  MemberParams,
  PageQuery,
  UpdateMemberBody,
} from './members.schemas.ts';
import { createMembersService } from './members.service.ts';
import type { MembersService } from './members.service.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/**
 * `/members`: everyone reads; admins and owners manage; only owners touch owners.
 * `/invitations`: admins and owners invite by email, list and revoke; the invitee accepts at
 * the public POST /auth/accept-invitation.
 */
export async function membersRoutes(app: App, deps: AppDeps, service: MembersService = createMembersService(deps)): Promise<void> {
  app.get(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary: "The tenant's members and their roles, newest first (paged)",
        querystring: PageQuery,
        response: { 200: MemberList, ...errors },
      },
    },
    async (request) => service.list(request.auth, request.query),
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
        summary: 'Remove a member from the tenant (not the last owner): ends their sessions there and revokes their open invitations',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(request.auth, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/invitations',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['members'],
        summary: 'Invite an email to the tenant with a role: a one-time token (valid 7 days) that replaces any open invitation of that email',
        body: CreateInvitationBody,
        response: { 201: CreatedInvitation, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.invite(request.auth, request.body)),
  );

  app.get(
    '/invitations',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['members'],
        summary: "The tenant's invitations in every state, newest first (paged; never their tokens)",
        querystring: PageQuery,
        response: { 200: InvitationList, ...errors },
      },
    },
    async (request) => service.listInvitations(request.auth, request.query),
  );

  app.delete(
    '/invitations/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags: ['members'],
        summary: 'Revoke an invitation (its token stops working; an accepted one cannot be revoked)',
        params: InvitationParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.revokeInvitation(request.auth, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

export const membersModule: ApiModule = { name: 'members', routes: (app, deps) => membersRoutes(app, deps) };
