import { withoutLocale } from '$lib/i18n/paths';

/**
 * Headers every response carries. The Content-Security-Policy itself comes from `kit.csp` in
 * svelte.config.js, because SvelteKit must hash its own inline script on each page.
 */
const always: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin',
	// The app uses none of these but geolocation; a script that slipped in could not either. Check-in
	// QR codes are read by the phone's own camera app, which opens the link: the site never asks for the
	// camera. Geolocation is the place picker's "Use my location", for our own pages (never a frame).
	'permissions-policy':
		'camera=(), microphone=(), geolocation=(self), payment=(), usb=(), serial=(), bluetooth=(), midi=(), browsing-topics=()'
};

/** Pages whose URL is a secret (invitation tokens, join and check-in codes) send no Referer at all. */
const secretUrlRoutes = new Set(['/invite/[token]', '/join/[code]', '/checkin/[code]']);

/** Staff areas and account pages: a shared phone's cache or a proxy must not keep them. */
const privateAreas = ['/admin', '/organize', '/dashboard', '/account'];
/** One learner's own pages beside the shared ones: a quiz result graded by the server. */
const privateRoutes = new Set(['/courses/[course]/[lesson]/quiz/result']);

export function securityHeaders(url: URL, routeId: string | null): Record<string, string> {
	const headers: Record<string, string> = {
		...always,
		'referrer-policy':
			routeId && secretUrlRoutes.has(routeId) ? 'no-referrer' : 'strict-origin-when-cross-origin'
	};
	// Only over https, or a browser would pin plain http. No includeSubDomains: other sites of the
	// province's domain are not ours to force onto https.
	if (url.protocol === 'https:') headers['strict-transport-security'] = 'max-age=31536000';
	const path = withoutLocale(url.pathname);
	if (
		(routeId && privateRoutes.has(routeId)) ||
		privateAreas.some((area) => path === area || path.startsWith(`${area}/`))
	) {
		headers['cache-control'] = 'private, no-store';
	}
	return headers;
}
