// Routes of the users slice: login and logout, the signed-in user, user and session administration.
import type { Db } from '../db/db.ts';
import type { Config } from '../config.ts';
import type { Auditor } from '../auth/audit.ts';
import type { SessionGuard } from '../auth/sessions.ts';
import type { Lockout } from '../auth/lockout.ts';
import { NotFoundError } from '../errors.ts';
import { ALL, route, type AnyRoute } from '../http/route.ts';
import {
  adminCreateUser,
  adminListSessions,
  adminResetPassword,
  adminUpdateUser,
  login,
  revokeSession,
} from './service.ts';
import { findUserById, listUsers } from './repo.ts';
import * as S from './schemas.ts';

export interface UserRouteDeps {
  db: Db;
  config: Config;
  clock: () => Date;
  auditor: Auditor;
  sessions: SessionGuard;
  lockout: Lockout;
}

export function userRoutes(d: UserRouteDeps): AnyRoute[] {
  const { db } = d;
  const admin = { db, auditor: d.auditor, sessions: d.sessions, clock: d.clock };
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      summary: 'Log in with email and password; returns a bearer token',
      auth: 'public',
      body: S.LoginBody,
      response: S.LoginResponse,
      handler: async ({ body }) => ({
        body: await login(
          {
            db,
            auditor: d.auditor,
            lockout: d.lockout,
            secret: d.config.tokenSecret,
            ttlMin: d.config.tokenTtlMin,
            clock: d.clock,
          },
          body,
        ),
      }),
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      summary: 'End this session: its token stops working at once (REST and socket.io)',
      auth: ALL,
      status: 204,
      handler: async ({ who }) => {
        await revokeSession(admin, who, who.userId, who.sessionId);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/me',
      tag: 'auth',
      summary: 'The logged-in user',
      auth: ALL,
      response: S.PublicUserResponse,
      handler: async ({ who }) => {
        const u = await findUserById(db, who.userId);
        if (u === undefined) throw new NotFoundError('user not found');
        const { passwordHash: _h, tokenVersion: _v, ...user } = u;
        return { body: user };
      },
    }),
    route({
      method: 'get',
      path: '/api/users',
      tag: 'admin',
      summary: 'Users (admin)',
      auth: ['admin'],
      response: S.UsersResponse,
      handler: async () => ({ body: await listUsers(db) }),
    }),
    route({
      method: 'post',
      path: '/api/users',
      tag: 'admin',
      summary: 'Create a user (admin); coordinators need a hospital, other roles have none',
      auth: ['admin'],
      body: S.CreateUserBody,
      status: 201,
      response: S.PublicUserResponse,
      handler: async ({ body, who }) => ({ status: 201, body: await adminCreateUser(admin, who, body) }),
    }),
    route({
      method: 'patch',
      path: '/api/users/:id',
      tag: 'admin',
      summary:
        "Disable/enable a user or change their role or hospital (admin); the user's tokens and sockets stop working at once",
      auth: ['admin'],
      params: S.UserIdParams,
      body: S.PatchUserBody,
      response: S.PublicUserResponse,
      handler: async ({ params, body, who }) => ({
        body: await adminUpdateUser(admin, who, params.id, body),
      }),
    }),
    route({
      method: 'put',
      path: '/api/users/:id/password',
      tag: 'admin',
      summary: "Reset a user's password (admin); their current sessions end",
      auth: ['admin'],
      params: S.UserIdParams,
      body: S.PasswordBody,
      status: 204,
      handler: async ({ params, body, who }) => {
        await adminResetPassword(admin, who, params.id, body.password);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/users/:id/sessions',
      tag: 'admin',
      summary: "A user's sessions, newest first (admin)",
      auth: ['admin'],
      params: S.UserIdParams,
      response: S.SessionsResponse,
      handler: async ({ params, who }) => ({ body: await adminListSessions(admin, who, params.id) }),
    }),
    route({
      method: 'delete',
      path: '/api/users/:id/sessions',
      tag: 'admin',
      summary: 'Revoke every open session of a user (admin)',
      auth: ['admin'],
      params: S.UserIdParams,
      response: S.RevokedResponse,
      handler: async ({ params, who }) => ({ body: await revokeSession(admin, who, params.id, undefined) }),
    }),
    route({
      method: 'delete',
      path: '/api/users/:id/sessions/:sessionId',
      tag: 'admin',
      summary: 'Revoke one session (admin)',
      auth: ['admin'],
      params: S.SessionParams,
      response: S.RevokedResponse,
      handler: async ({ params, who }) => ({
        body: await revokeSession(admin, who, params.id, params.sessionId),
      }),
    }),
  ];
}
