/**
 * Pages that are the same for everyone who opens them in one language: the home page and the course,
 * lesson and quiz pages. The server reads nothing personal to render them; what is personal
 * (progress, the learner's place) comes after the page has loaded, from /api/me/progress and the
 * device.
 */
const sharedPages = new Set([
	'/',
	'/courses/[course]',
	'/courses/[course]/[lesson]',
	'/courses/[course]/[lesson]/quiz'
]);

/** What those pages ask for: their personal part, the place list, the forms without JavaScript. */
const companions = new Set([
	'/api/me/progress',
	'/api/places',
	'/api/forms/lesson-completed',
	'/api/forms/quiz-submitted',
	'/courses/[course]/[lesson]/quiz/result'
]);

export function isSharedPage(routeId: string | null): boolean {
	return routeId !== null && sharedPages.has(routeId);
}

/**
 * Whether the address alone names the language: Vietnamese at the bare path, English under /en (see
 * $lib/i18n/paths), whatever the person chose elsewhere. Other pages follow that choice (the cookie).
 */
export function namesItsLanguage(routeId: string | null): boolean {
	return routeId !== null && (sharedPages.has(routeId) || companions.has(routeId));
}
