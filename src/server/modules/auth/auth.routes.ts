import { message } from '../../../contracts/messages.ts';
import { ops } from '../../../contracts/operations.ts';
import { AppError } from '../../http/errors.ts';
import { setSessionCookie } from '../../http/session.ts';
import { clientIp, type ModuleDeps } from '../module.ts';
import * as service from './auth.service.ts';
import { DEVICE_COOKIE } from './device-cookie.ts';

/** The host of an Origin header; none for `null` (sandboxed pages, privacy redirects) or anything unreadable. */
function originHost(origin: string): string | null {
  return URL.canParse(origin) ? new URL(origin).host : null;
}

export function registerAuthRoutes(deps: ModuleDeps): void {
  const { app, db, config, route } = deps;
  route(app, ops.login, {
    handler: async ({ input, request, reply }) => {
      // No session yet, so no CSRF token: a browser's cross-site form post is refused by its Origin.
      const origin = request.headers.origin;
      if (origin && originHost(origin) !== request.headers.host) {
        throw new AppError('csrf_failed', message('problem.cross_site_sign_in'));
      }
      const { session, user, deviceCookie } = await service.login(
        db,
        config.clock,
        config.login,
        input.body,
        clientIp(request),
        request.cookies[DEVICE_COOKIE],
      );
      setSessionCookie(request, reply, session);
      // Sent back to sign-in only: a browser that signed in here is a known device for this account.
      reply.setCookie(DEVICE_COOKIE, deviceCookie, {
        path: '/api/auth/login',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: Math.floor(config.login.deviceCookieMs / 1000),
      });
      return user;
    },
  });
  route(app, ops.logout, {
    handler: async ({ user, request, reply }) => {
      if (user) {
        await service.logout(db, config.clock, user, clientIp(request));
        await deps.events.publish('session.revoked', { session: user.sessionHash });
      }
      setSessionCookie(request, reply, null);
      return { ok: true as const };
    },
  });
  route(app, ops.getCurrentUser, {
    handler: async ({ user }) => {
      if (!user) throw new AppError('unauthenticated');
      return service.currentUserDto(user, user.grants, config.clock.now());
    },
  });
}
