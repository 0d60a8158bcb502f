import { sql } from 'drizzle-orm';
import type { Catalogue } from '$lib/content/types';
import type { Locale } from '$lib/content/vocabulary';
import type { Db } from '../db/client';
import { publishRates, suppressColumn, type RateCount } from '../privacy';

export interface CampaignReport {
	joined: number;
	reached: number;
	lessonsCompleted: number;
	attempts: number;
	/**
	 * Share of quiz attempts passed, as published (`privacy.ts`): rounded to 5 points, changed only once
	 * 10 more people stand behind it, null while withheld. So are the courses' and questions' rates.
	 */
	passRate: number | null;
	targetSize: number;
	courses: {
		slug: string;
		title: string;
		/** Hidden (null) for 1 to 9 learners, and a second course when only one would be. */
		learners: number | null;
		completions: number | null;
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
	/** As the courses: a day about 1 to 9 learners is hidden, and a second one when only one would be. */
	daily: { day: string; completions: number | null; learners: number | null }[];
}

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);
/** A rate of `part` in `whole`, with the people behind it and behind each side (columns of `row`). */
const rate = (row: Row | undefined, part: string, whole: string, sides: [string, string]) => ({
	exact: n(row?.[whole]) ? (100 * n(row?.[part])) / n(row?.[whole]) : 0,
	people: n(row?.people),
	numerator: n(row?.[sides[0]]),
	complement: n(row?.[sides[1]])
});
/** Hides whole rows of a table whose total is shown, by their people (`suppressColumn`). */
function hideRows<T extends { learners: number; completions: number }>(rows: T[]) {
	const learners = suppressColumn(rows.map((r) => r.learners));
	return rows.map((r, i) =>
		learners[i] === null ? { ...r, learners: null, completions: null } : r
	);
}
const plain = (html: string) =>
	html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&[a-z#0-9]+;/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

/**
 * One campaign's figures, from the events attributed to it. Its headline counts of people are exact;
 * the per-course and per-day tables hide small rows, and every rate is published by `publishRates`
 * (10 people or more, no side of 1 to 9, rounded, moved only by 10 more people), so that no figure, nor
 * the difference between two readings, describes one person.
 */
export async function campaignReport(
	db: Db,
	catalogue: Catalogue,
	campaign: { id: string; targetSize: number; courses: string[] },
	locale: Locale
): Promise<CampaignReport> {
	const id = campaign.id;
	const sides = sql`count(DISTINCT a.learner_id) AS people,
		count(DISTINCT CASE WHEN a.passed THEN a.learner_id END) AS passers,
		count(DISTINCT CASE WHEN a.passed THEN NULL ELSE a.learner_id END) AS failers`;
	const passSides: [string, string] = ['passers', 'failers'];
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
		SELECT count(*) AS attempts, sum(a.passed) AS passed, ${sides}
		FROM event_campaigns ec JOIN quiz_attempts a ON a.id = ec.event_id
		WHERE ec.campaign_id = ${id}`);
	const perCourse = await all(sql`
		SELECT e.course_slug AS course, count(DISTINCT e.learner_id) AS learners,
			count(DISTINCT e.learner_id || '|' || e.lesson_slug) AS completions
		FROM event_campaigns ec JOIN learning_events e ON e.id = ec.event_id
		WHERE ec.campaign_id = ${id} GROUP BY e.course_slug`);
	const quizPerCourse = await all(sql`
		SELECT a.course_slug AS course, count(*) AS attempts, sum(a.passed) AS passed, ${sides}
		FROM event_campaigns ec JOIN quiz_attempts a ON a.id = ec.event_id
		WHERE ec.campaign_id = ${id} GROUP BY a.course_slug`);
	const perQuestion = await all(sql`
		SELECT a.course_slug AS course, a.lesson_slug AS lesson, qa.question_id AS question,
			count(*) AS answers, sum(CASE WHEN qa.correct THEN 0 ELSE 1 END) AS wrong,
			count(DISTINCT a.learner_id) AS people,
			count(DISTINCT CASE WHEN qa.correct THEN NULL ELSE a.learner_id END) AS wrongPeople,
			count(DISTINCT CASE WHEN qa.correct THEN a.learner_id END) AS rightPeople
		FROM event_campaigns ec JOIN quiz_attempts a ON a.id = ec.event_id JOIN quiz_answers qa ON qa.attempt_id = a.id
		WHERE ec.campaign_id = ${id} GROUP BY 1, 2, 3`);
	const daily = await all(sql`
		SELECT date(e.occurred_at / 1000, 'unixepoch', '+7 hours') AS day,
			count(DISTINCT e.learner_id || '|' || e.course_slug || '|' || e.lesson_slug) AS completions,
			count(DISTINCT e.learner_id) AS learners
		FROM event_campaigns ec JOIN learning_events e ON e.id = ec.event_id
		WHERE ec.campaign_id = ${id} GROUP BY day ORDER BY day`);

	const rates = new Map<string, RateCount>([['pass', rate(quiz, 'passed', 'attempts', passSides)]]);
	for (const q of quizPerCourse)
		rates.set(`course:${q.course}:pass`, rate(q, 'passed', 'attempts', passSides));
	const questionKey = (r: Row) => `question:${r.course}/${r.lesson}/${r.question}:wrong`;
	for (const r of perQuestion)
		rates.set(questionKey(r), rate(r, 'wrong', 'answers', ['wrongPeople', 'rightPeople']));
	const published = await publishRates(db, `campaign:${id}:`, rates);
	const shownRate = (key: string) => published.get(key) ?? null;

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
					wrongRate: shownRate(questionKey(row))
				});
			});
		}
	}
	return {
		joined: n(members?.n),
		reached: n(events?.learners),
		lessonsCompleted: n(events?.lessons),
		attempts: n(quiz?.attempts),
		passRate: shownRate('pass'),
		targetSize: campaign.targetSize,
		courses: hideRows(
			campaign.courses.map((slug) => {
				const row = perCourse.find((r) => r.course === slug);
				return {
					slug,
					title: catalogue.courses.find((c) => c.slug === slug)?.text[locale].title ?? slug,
					learners: n(row?.learners),
					completions: n(row?.completions),
					passRate: shownRate(`course:${slug}:pass`)
				};
			})
		),
		questions,
		daily: hideRows(
			daily.map((d) => ({
				day: String(d.day),
				completions: n(d.completions),
				learners: n(d.learners)
			}))
		)
	};
}
