import * as v from 'valibot';
import { eventIdPattern, LearningEvent, type EventKind } from '$lib/events/kinds';
import { getCatalogue } from '../content';
import type { LearnerWithRegion } from '../learner';
import { EventRejected, recordEvent, recorderOf, type RecordResult } from './record';

export { eventIdPattern };
const answerField = /^q\.([a-z0-9-]{1,80})$/;

export type FormOutcome =
	| { ok: true; id: string; result: RecordResult }
	| { ok: false; status: 400 | 409; message: string };

/**
 * Reads a lesson's "done" form or its quiz form (the pages without JavaScript post here) into the same
 * event the outbox would send, checked by the same schema. Only the fields the page renders are
 * accepted: anything else (a score, a passed flag) rejects the whole submission.
 */
export async function recordFromForm(
	locals: App.Locals,
	learner: LearnerWithRegion,
	form: FormData,
	params: { course: string; lesson: string },
	type: EventKind
): Promise<FormOutcome> {
	const bad = (key: string): FormOutcome => ({ ok: false, status: 400, message: locals.t(key) });
	const id = form.get('eventId');
	if (typeof id !== 'string' || !eventIdPattern.test(id)) return bad('error.event.badId');
	const answers: Record<string, string[]> = {};
	for (const [name, value] of form.entries()) {
		if (name === 'eventId') continue;
		const question = type === 'quiz_submitted' ? answerField.exec(name)?.[1] : undefined;
		if (!question || typeof value !== 'string') return bad('error.event.unexpectedField');
		(answers[question] ??= []).push(value);
	}
	const raw = { id, type, course: params.course, lesson: params.lesson, occurredAt: Date.now() };
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
			status: error.reason === 'id-conflict' ? 409 : 400,
			message: locals.t(`error.event.${error.reason}`)
		};
	}
}
