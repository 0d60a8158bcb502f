import type { Answers } from '$lib/content/grade';
import { getCatalogue } from '../content';
import type { LearnerWithRegion } from '../learner';
import { EventRejected, recordEvent, type RecordResult } from './record';

export const eventIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const answerField = /^q\.([a-z0-9-]{1,80})$/;

export type FormOutcome =
	| { ok: true; id: string; result: RecordResult }
	| { ok: false; status: 400 | 409; message: string };

/**
 * Reads a lesson's "done" form or its quiz form. Only the fields the page renders are accepted:
 * anything else (a score, a passed flag, an unknown question) rejects the whole submission.
 */
export async function recordFromForm(
	locals: App.Locals,
	learner: LearnerWithRegion,
	form: FormData,
	params: { course: string; lesson: string },
	type: 'lesson_completed' | 'quiz_submitted'
): Promise<FormOutcome> {
	const bad = (key: string): FormOutcome => ({ ok: false, status: 400, message: locals.t(key) });
	const id = form.get('eventId');
	if (typeof id !== 'string' || !eventIdPattern.test(id)) return bad('error.event.badId');
	const answers: Answers = {};
	for (const [name, value] of form.entries()) {
		if (name === 'eventId') continue;
		const question = type === 'quiz_submitted' ? answerField.exec(name)?.[1] : undefined;
		if (!question || typeof value !== 'string') return bad('error.event.unexpectedField');
		(answers[question] ??= []).push(value);
	}
	const base = {
		id: id.toLowerCase(),
		course: params.course,
		lesson: params.lesson,
		occurredAt: new Date()
	};
	try {
		const result = await recordEvent(
			locals.db,
			getCatalogue(),
			{ learnerId: learner.id, regionId: learner.regionId },
			type === 'quiz_submitted' ? { ...base, type, answers } : { ...base, type }
		);
		return { ok: true, id: base.id, result };
	} catch (error) {
		if (!(error instanceof EventRejected)) throw error;
		return {
			ok: false,
			status: error.reason === 'id-conflict' ? 409 : 400,
			message: locals.t(`error.event.${error.reason}`)
		};
	}
}
