import { sql } from 'drizzle-orm';
import type { Catalogue } from '$lib/content/types';
import type { Locale } from '$lib/content/vocabulary';
import type { Db } from '../db/client';
import { suppressed } from '../privacy';

export interface CampaignReport {
	joined: number;
	reached: number;
	lessonsCompleted: number;
	attempts: number;
	/** Share of quiz attempts passed; null when fewer than the minimum group took quizzes. */
	passRate: number | null;
	targetSize: number;
	courses: {
		slug: string;
		title: string;
		learners: number;
		completions: number;
		passRate: number | null;
	}[];
	questions: {
		course: string;
		lesson: string;
		number: number;
		text: string;
		answers: number;
		wrongRate: number | null;
	}[];
	daily: { day: string; completions: number; learners: number }[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
const rate = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);
const plain = (html: string) =>
	html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&[a-z#0-9]+;/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/**
 * One campaign's figures, from the events attributed to it. Counts of people are exact; rates and
 * per-question results need at least the minimum group behind them, so no figure describes one person.
 */
export async function campaignReport(
	db: Db,
	catalogue: Catalogue,
	campaign: { id: string; targetSize: number; courses: string[] },
	locale: Locale
): Promise<CampaignReport> {
	const id = campaign.id;
	const all = async (query: ReturnType<typeof sql>) => (await db.all(query)) as Row[];
	const [members] = await all(
		sql`SELECT count(*) AS n FROM campaign_members WHERE campaign_id = ${id}`
	);
	const [events] = await all(sql`
		SELECT count(DISTINCT e.learner_id) AS learners,
			count(DISTINCT e.learner_id || '|' || e.course_slug || '|' || e.lesson_slug) AS lessons
		FROM event_campaigns ec JOIN learning_events e ON e.id = ec.event_id
		WHERE ec.campaign_id = ${id}`);
	const [quiz] = await all(sql`
		SELECT count(*) AS attempts, sum(a.passed) AS passed, count(DISTINCT a.learner_id) AS people
		FROM event_campaigns ec JOIN quiz_attempts a ON a.id = ec.event_id
		WHERE ec.campaign_id = ${id}`);
	const perCourse = await all(sql`
		SELECT e.course_slug AS course, count(DISTINCT e.learner_id) AS learners,
			count(DISTINCT e.learner_id || '|' || e.lesson_slug) AS completions
		FROM event_campaigns ec JOIN learning_events e ON e.id = ec.event_id
		WHERE ec.campaign_id = ${id} GROUP BY e.course_slug`);
	const quizPerCourse = await all(sql`
		SELECT a.course_slug AS course, count(*) AS attempts, sum(a.passed) AS passed, count(DISTINCT a.learner_id) AS people
		FROM event_campaigns ec JOIN quiz_attempts a ON a.id = ec.event_id
		WHERE ec.campaign_id = ${id} GROUP BY a.course_slug`);
	const perQuestion = await all(sql`
		SELECT a.course_slug AS course, a.lesson_slug AS lesson, qa.question_id AS question,
			count(*) AS answers, sum(CASE WHEN qa.correct THEN 0 ELSE 1 END) AS wrong, count(DISTINCT a.learner_id) AS people
		FROM event_campaigns ec JOIN quiz_attempts a ON a.id = ec.event_id JOIN quiz_answers qa ON qa.attempt_id = a.id
		WHERE ec.campaign_id = ${id} GROUP BY 1, 2, 3`);
	const daily = await all(sql`
		SELECT date(e.occurred_at / 1000, 'unixepoch', '+7 hours') AS day,
			count(DISTINCT e.learner_id || '|' || e.course_slug || '|' || e.lesson_slug) AS completions,
			count(DISTINCT e.learner_id) AS learners
		FROM event_campaigns ec JOIN learning_events e ON e.id = ec.event_id
		WHERE ec.campaign_id = ${id} GROUP BY day ORDER BY day`);

	const questions: CampaignReport['questions'] = [];
	for (const slug of campaign.courses) {
		const course = catalogue.courses.find((c) => c.slug === slug);
		for (const lesson of course?.lessons ?? []) {
			lesson.quiz.questions.forEach((q, i) => {
				const row = perQuestion.find(
					(r) => r.course === slug && r.lesson === lesson.slug && r.question === q.id
				);
				if (!row) return;
				questions.push({
					course: course!.text[locale].title,
					lesson: lesson.text[locale].title,
					number: i + 1,
					text: plain(q.text[locale].promptHtml).slice(0, 140),
					answers: n(row.answers),
					wrongRate: suppressed(n(row.people), rate(n(row.wrong), n(row.answers)))
				});
			});
		}
	}
	return {
		joined: n(members?.n),
		reached: n(events?.learners),
		lessonsCompleted: n(events?.lessons),
		attempts: n(quiz?.attempts),
		passRate: suppressed(n(quiz?.people), rate(n(quiz?.passed), n(quiz?.attempts))),
		targetSize: campaign.targetSize,
		courses: campaign.courses.map((slug) => {
			const row = perCourse.find((r) => r.course === slug);
			const q = quizPerCourse.find((r) => r.course === slug);
			return {
				slug,
				title: catalogue.courses.find((c) => c.slug === slug)?.text[locale].title ?? slug,
				learners: n(row?.learners),
				completions: n(row?.completions),
				passRate: suppressed(n(q?.people), rate(n(q?.passed), n(q?.attempts)))
			};
		}),
		questions,
		daily: daily.map((d) => ({
			day: String(d.day),
			completions: n(d.completions),
			learners: n(d.learners)
		}))
	};
}
