import * as v from 'valibot';

/**
 * Every kind of learning event, defined once. The database column, the event API, the lesson and quiz
 * forms, the device's outbox and the service worker all derive from `LearningEvent`; adding a kind is
 * one schema here plus its handling on the server (`reach/record.ts`, `reach/definition.ts`).
 * Devices and pages import only the types, so none of this ships to a phone.
 */

/** Ids are made on the device (a v4 UUID), so that a resend is stored once. */
export const eventIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const slugPattern = /^[a-z0-9-]{1,80}$/;
/** Learning can be recorded from 2022 (the plan's year) up to a few minutes of clock skew ahead. */
const earliest = Date.UTC(2022, 0, 1);
export const clockSkewMs = 5 * 60 * 1000;
export const maxAnsweredQuestions = 20;

const slug = v.pipe(v.string(), v.regex(slugPattern));
const common = {
	id: v.pipe(v.string(), v.regex(eventIdPattern), v.toLowerCase()),
	course: slug,
	lesson: slug,
	/** When it happened on the device (ms or ISO): an event synced days later keeps its own day. */
	occurredAt: v.pipe(
		v.union([v.pipe(v.string(), v.isoTimestamp()), v.pipe(v.number(), v.integer())]),
		v.transform((x) => new Date(x)),
		v.check(
			(d) =>
				!Number.isNaN(d.getTime()) &&
				d.getTime() >= earliest &&
				d.getTime() <= Date.now() + clockSkewMs
		)
	)
};
const answers = v.pipe(
	// An array passes as a record (arrays are objects), and would be stored as an empty submission.
	v.custom<object>((a) => typeof a === 'object' && a !== null && !Array.isArray(a)),
	v.record(slug, v.pipe(v.array(v.pipe(v.string(), v.maxLength(2))), v.maxLength(6))),
	v.check((a) => Object.keys(a).length <= maxAnsweredQuestions)
);

/** One event as a client sends it; strict: unknown keys (a score, a passed flag) are refused. */
export const LearningEvent = v.variant('type', [
	/** The learner opened a lesson (sent through the outbox, so it is known for cached pages and offline). */
	v.strictObject({ type: v.literal('lesson_opened'), ...common }),
	/** The learner read a lesson to its end and said so. */
	v.strictObject({ type: v.literal('lesson_completed'), ...common }),
	/** The learner submitted a lesson's quiz; the server grades it from the content. */
	v.strictObject({ type: v.literal('quiz_submitted'), ...common, answers })
]);

/** An event as the server reads it: id in lower case, `occurredAt` a Date. */
export type EventInput = v.InferOutput<typeof LearningEvent>;
export type EventKind = EventInput['type'];
export const eventKinds = LearningEvent.options.map((o) => o.entries.type.literal) as [
	EventKind,
	...EventKind[]
];

/** An event as the device stores and sends it (`occurredAt` in ms). */
export type DeviceEvent = EventInput extends infer E
	? E extends EventInput
		? Omit<E, 'occurredAt'> & { occurredAt: number }
		: never
	: never;
