import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ApiEvent } from './api';

const quiz = {
	id: '0892208e-237b-4bf1-b600-c7d13e17ac45',
	type: 'quiz_submitted',
	course: 'online-scams',
	lesson: 'stop-verify-report',
	occurredAt: Date.UTC(2025, 0, 1)
};

describe('ApiEvent', () => {
	it('takes answers as an object of question ids', () => {
		expect(v.safeParse(ApiEvent, { ...quiz, answers: { 'scam-signs': ['a'] } }).success).toBe(true);
		expect(v.safeParse(ApiEvent, { ...quiz, answers: {} }).success).toBe(true);
	});

	it('refuses answers of another type, an array above all (found by tests/stress/fuzz.ts)', () => {
		for (const answers of [[], [['a']], 'a', null, 1]) {
			expect(v.safeParse(ApiEvent, { ...quiz, answers }).success, JSON.stringify(answers)).toBe(
				false
			);
		}
	});
});
