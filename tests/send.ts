/**
 * Sends a batch of events the way the device's outbox does (src/lib/offline/outbox.ts): again after a
 * dropped connection, and after the time a 429 or 503 names in Retry-After, until the server answers
 * for good (200, or 400 for a batch it refuses) or the deadline passes. Ingest is idempotent, so a
 * batch sent twice is stored once.
 */
export async function sendBatch(
	origin: string,
	cookie: string,
	body: string,
	deadlineMs = 180_000
): Promise<{ status: number; text: string; attempts: number }> {
	const deadline = Date.now() + deadlineMs;
	for (let attempts = 1; ; attempts++) {
		let wait = 250;
		try {
			const response = await fetch(`${origin}/api/events`, {
				method: 'POST',
				body,
				headers: { origin, cookie, 'content-type': 'application/json' }
			});
			const text = await response.text();
			if (response.status !== 429 && response.status !== 503) {
				return { status: response.status, text, attempts };
			}
			wait = 1000 * Math.max(1, Number(response.headers.get('retry-after')) || 1);
		} catch (error) {
			const code = (error as { cause?: { code?: string } }).cause?.code;
			if (!code?.startsWith('UND_ERR') && code !== 'ECONNRESET' && code !== 'ECONNREFUSED') {
				throw error;
			}
		}
		if (Date.now() + wait > deadline) {
			throw new Error(`POST ${origin}/api/events: no answer for good after ${attempts} attempts`);
		}
		await new Promise((resolve) => setTimeout(resolve, wait));
	}
}
