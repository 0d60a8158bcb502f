/**
 * Pages that are the same for everyone who opens them in one language: the home page and the course,
 * lesson and quiz pages. Their address names their language (see $lib/i18n/paths) and the server
 * reads nothing personal to render them; what is personal (progress, the learner's place) comes after
 * the page has loaded, from /api/me/progress and the device.
 */
const sharedRoutes = new Set([
	'/',
	'/courses/[course]',
	'/courses/[course]/[lesson]',
	'/courses/[course]/[lesson]/quiz'
]);

export function isSharedRoute(routeId: string | null): boolean {
	return routeId !== null && sharedRoutes.has(routeId);
}
