import * as v from 'valibot';

export const maxBatch = 100;

/** A batch of events from the outbox; each event is checked on its own (`LearningEvent`). */
export const ApiBatch = v.strictObject({
	events: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(maxBatch))
});
