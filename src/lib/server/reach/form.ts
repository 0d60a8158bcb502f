import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { eventIdPattern, LearningEvent, type EventKind } from '$lib/events/kinds';
import { getCatalogue } from '../content';
import type { LearnerWithRegion } from '../learner';
import { EventRejected, recordEvent, recorderOf, type RecordResult } from './record';

export { eventIdPattern };
const answerField = /^q\.([a-z0-9-]{1,80})$/;
const placeFields = new Set(['course', 'lesson']);

export type FormOutcome =
	| { ok: true; id: string; result: RecordResult }
	| { ok: false; status: 400 | 409; message: string };

const canonical = (answers: Record<string, string[]>) =>
	Object.keys(answers)
		.sort()
		.map((question) => [question, [...answers[question]!].sort()]);

/**
 * The event's id for a form posted without JavaScript. The page is the same for everyone, so its
 * `eventId` is the page's; with the learner and the answers it names one submission: the same form
 * sent again is stored once, other answers are another attempt, another learner another event.
 */
function formEventId(
	pageId: string,
	learnerId: string,
	type: EventKind,
	answers: Record<string, string[]>
): string {
	const hex = createHash('sha256')
		.update(JSON.stringify([pageId.toLowerCase(), learnerId, type, canonical(answers)]))
		.digest('hex');
	// A version 8 (custom) UUID: not random, but in the shape the event API expects.
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Reads a lesson's "done" form or its quiz form (the pages without JavaScript post to /api/forms) into
 * the same event the outbox would send, checked by the same schema. Only the fields the page renders
 * are accepted: anything else (a score, a passed flag) rejects the whole submission.
 */
export async function recordFromForm(
	locals: App.Locals,
	learner: LearnerWithRegion,
	form: FormData,
	type: EventKind
): Promise<FormOutcome> {
	const bad = (key: string): FormOutcome => ({ ok: false, status: 400, message: locals.t(key) });
	const pageId = form.get('eventId');
	if (typeof pageId !== 'string' || !eventIdPattern.test(pageId)) return bad('error.event.badId');
	const answers: Record<string, string[]> = {};
	for (const [name, value] of form.entries()) {
		if (name === 'eventId' || placeFields.has(name)) continue;
		const question = type === 'quiz_submitted' ? answerField.exec(name)?.[1] : undefined;
		if (!question || typeof value !== 'string') return bad('error.event.unexpectedField');
		(answers[question] ??= []).push(value);
	}
	const raw = {
		id: formEventId(pageId, learner.id, type, answers),
		type,
		course: form.get('course'),
		lesson: form.get('lesson'),
		occurredAt: Date.now()
	};
	const event = v.safeParse(LearningEvent, type === 'quiz_submitted' ? { ...raw, answers } : raw);
	if (!event.success) return bad('error.event.unexpectedField');
	try {
		const result = await recordEvent(
			locals.db,
			getCatalogue(),
			recorderOf(learner, 'form'),
			event.output
		);
		return { ok: true, id: event.output.id, result };
	} catch (error) {
		if (!(error instanceof EventRejected)) throw error;
		return {
			ok: false,
			status: error.reason === 'id-conflict' || error.reason === 'too-many-repeats' ? 409 : 400,
			message: locals.t(`error.event.${error.reason}`)
		};
	}
}
