import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getCatalogue } from '$lib/server/content';
import { limitEventBatch } from '$lib/server/limits';
import { LearningEvent } from '$lib/events/kinds';
import { ApiBatch } from '$lib/server/reach/api';
import { EventRejected, recordEvents, recorderOf } from '$lib/server/reach/record';
import type { RequestHandler } from './$types';

type Result =
	| { id: string | null; status: 'created' | 'duplicate' }
	| { id: string | null; status: 'rejected'; error: string };

/**
 * Batched, idempotent event ingest (the offline outbox sends here). Each event gets its own result:
 * a bad event is rejected without sinking the good ones. The client never sends a score: quizzes are
 * graded here from the content.
 */
export const POST: RequestHandler = async ({ request, locals, getClientAddress }) => {
	const learner = locals.learner;
	if (!learner) error(401, locals.t('error.noLearner'));
	const tooMany = await limitEventBatch(locals, learner.id, getClientAddress());
	if (tooMany) return tooMany;
	const body: unknown = await request.json().catch((failure: { status?: number }) => {
		// Over BODY_SIZE_LIMIT the read fails with 413: say so, rather than "not a batch".
		if (failure?.status === 413) error(413, locals.t('error.tooLarge'));
	});
	const batch = v.safeParse(ApiBatch, body);
	if (!batch.success) error(400, locals.t('error.event.badBatch'));

	const results: Result[] = [];
	const valid: { index: number; event: v.InferOutput<typeof LearningEvent> }[] = [];
	for (const [index, raw] of batch.output.events.entries()) {
		const parsed = v.safeParse(LearningEvent, raw);
		if (parsed.success) valid.push({ index, event: parsed.output });
		const rawId =
			typeof raw === 'object' && raw && 'id' in raw && typeof raw.id === 'string' ? raw.id : null;
		results.push({
			id: parsed.success ? parsed.output.id : rawId,
			status: 'rejected',
			error: 'invalid'
		});
	}
	const outcomes = await recordEvents(
		locals.db,
		getCatalogue(),
		recorderOf(learner, 'api'),
		valid.map((v) => v.event)
	);
	outcomes.forEach((outcome, i) => {
		const { index, event } = valid[i]!;
		results[index] =
			outcome instanceof EventRejected
				? { id: event.id, status: 'rejected', error: outcome.reason }
				: { id: event.id, status: outcome.status };
	});
	const rejected = results.filter((r) => r.status === 'rejected').length;
	return json({ results }, { status: rejected === results.length ? 400 : 200 });
};
