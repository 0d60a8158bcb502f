import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { withoutLocale } from '$lib/i18n/paths';
import type { Role } from '../db/schema';
import type { SessionUser } from './session';

/**
 * The signed-in user, or: a redirect to sign-in for pages, 401 for the API. Every protected load,
 * action and endpoint calls this (or requireRole) on the server.
 */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const { user, t } = event.locals;
	if (user) return user;
	if (withoutLocale(event.url.pathname).startsWith('/api/')) error(401, t('error.signInNeeded'));
	redirect(
		303,
		`/account/signin?next=${encodeURIComponent(event.url.pathname + event.url.search)}`
	);
}

/** The signed-in user if their role is one of `roles`; 403 otherwise. */
export function requireRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	...roles: Role[]
): SessionUser {
	const user = requireUser(event);
	if (!roles.includes(user.role)) error(403, event.locals.t('error.forbidden'));
	return user;
}

/** An organizer with their organization id (an organizer always has one). */
export function requireOrganizer(
	event: Pick<RequestEvent, 'locals' | 'url'>
): SessionUser & { organizationId: string } {
	const user = requireRole(event, 'organizer');
	if (!user.organizationId) error(403, event.locals.t('error.forbidden'));
	return { ...user, organizationId: user.organizationId };
}

/** An admin or a province-level analyst (no district scope): who may change the province's baselines. */
export function requireProvinceAnalyst(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = requireRole(event, 'analyst', 'admin');
	if (user.scope) error(403, event.locals.t('error.forbidden'));
	return user;
}
