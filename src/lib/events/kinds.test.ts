import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { eventKinds, LearningEvent } from './kinds';

const quiz = {
	id: '0892208E-237b-4bf1-b600-c7d13e17ac45',
	type: 'quiz_submitted',
	course: 'online-scams',
	lesson: 'stop-verify-report',
	occurredAt: Date.UTC(2025, 0, 1)
};

describe('LearningEvent', () => {
	it('lists every kind once, as the database column and the outbox know them', () => {
		expect(eventKinds).toEqual(['lesson_opened', 'lesson_completed', 'quiz_submitted']);
	});

	it('reads the id in lower case and the time as a Date, from ms or ISO', () => {
		const parsed = v.parse(LearningEvent, { ...quiz, answers: {} });
		expect(parsed.id).toBe('0892208e-237b-4bf1-b600-c7d13e17ac45');
		expect(parsed.occurredAt).toEqual(new Date(Date.UTC(2025, 0, 1)));
		const iso = v.parse(LearningEvent, {
			...quiz,
			type: 'lesson_completed',
			occurredAt: '2025-01-01T00:00:00Z'
		});
		expect(iso.occurredAt.getTime()).toBe(Date.UTC(2025, 0, 1));
	});

	it('takes answers as an object of question ids', () => {
		expect(v.safeParse(LearningEvent, { ...quiz, answers: { 'scam-signs': ['a'] } }).success).toBe(
			true
		);
		expect(v.safeParse(LearningEvent, { ...quiz, answers: {} }).success).toBe(true);
	});

	it('refuses answers of another type, an array above all (found by tests/stress/fuzz.ts)', () => {
		for (const answers of [[], [['a']], 'a', null, 1]) {
			expect(
				v.safeParse(LearningEvent, { ...quiz, answers }).success,
				JSON.stringify(answers)
			).toBe(false);
		}
	});

	it('refuses unknown kinds, unknown keys, and times before 2022 or in the future', () => {
		const bad = [
			{ ...quiz, type: 'lesson_read' },
			{ ...quiz, answers: {}, score: 3 },
			{ ...quiz, type: 'lesson_completed', answers: {} },
			{ ...quiz, answers: {}, occurredAt: Date.UTC(2021, 11, 31) },
			{ ...quiz, answers: {}, occurredAt: Date.now() + 60 * 60_000 }
		];
		for (const event of bad) {
			expect(v.safeParse(LearningEvent, event).success, JSON.stringify(event)).toBe(false);
		}
	});
});
