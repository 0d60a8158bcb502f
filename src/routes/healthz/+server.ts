import { json } from '@sveltejs/kit';
import { getDatabase } from '$lib/server/db';
import { checkHealth } from '$lib/server/health';
import type { RequestHandler } from './$types';

/** For a load balancer or uptime probe: 200 when the database answers and is migrated, else 503. */
export const GET: RequestHandler = async ({ locals }) => {
	const health = await getDatabase()
		.then(({ db }) => checkHealth(db))
		.catch((error: unknown) => ({ ok: false as const, reason: String(error) }));
	const headers = { 'cache-control': 'no-store' };
	if (health.ok) return json({ status: 'ok' }, { headers });
	locals.log.error({ reason: health.reason }, 'health check failed');
	return json({ status: 'unavailable' }, { status: 503, headers });
};
