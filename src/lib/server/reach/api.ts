import * as v from 'valibot';
import { eventIdPattern } from './form';

/** Learning can be recorded from 2022 (the plan's year) up to a few minutes of clock skew ahead. */
const earliest = Date.UTC(2022, 0, 1);
const skewMs = 5 * 60 * 1000;
export const maxBatch = 100;

const slug = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,80}$/));
const occurredAt = v.pipe(
	v.union([v.pipe(v.string(), v.isoTimestamp()), v.pipe(v.number(), v.integer())]),
	v.transform((x) => new Date(x)),
	v.check(
		(d) =>
			!Number.isNaN(d.getTime()) && d.getTime() >= earliest && d.getTime() <= Date.now() + skewMs
	)
);
const base = {
	id: v.pipe(v.string(), v.regex(eventIdPattern), v.toLowerCase()),
	course: slug,
	lesson: slug,
	occurredAt
};

/** One event as sent by a client; strict: unknown keys (a score, a passed flag) are refused. */
export const ApiEvent = v.variant('type', [
	v.strictObject({ type: v.literal('lesson_completed'), ...base }),
	v.strictObject({
		type: v.literal('quiz_submitted'),
		...base,
		answers: v.pipe(
			// An array passes as a record (arrays are objects), and would be stored as an empty submission.
			v.custom<object>((a) => typeof a === 'object' && a !== null && !Array.isArray(a)),
			v.record(
				v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,80}$/)),
				v.pipe(v.array(v.pipe(v.string(), v.maxLength(2))), v.maxLength(6))
			),
			v.check((a) => Object.keys(a).length <= 20)
		)
	})
]);

export const ApiBatch = v.strictObject({
	events: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(maxBatch))
});
