/** `npm run check:content`: validates every course in content/ and prints each problem with its file. */
import { buildCatalogue } from '../content/catalogue';
import { readContentDir } from '../content/read-dir';

const root = process.argv[2] || 'content';
const { catalogue, problems } = buildCatalogue(readContentDir(root));
for (const { path, reason } of problems) console.error(`${path}: ${reason}`);
const lessons = catalogue.courses.reduce((n, c) => n + c.lessons.length, 0);
const questions = catalogue.courses.reduce(
	(n, c) => n + c.lessons.reduce((m, l) => m + l.quiz.questions.length, 0),
	0
);
if (problems.length > 0) {
	console.error(`\ncheck:content: ${problems.length} problem(s); fix them before building.`);
	process.exit(1);
}
console.log(
	`check:content: ${catalogue.courses.length} courses, ${lessons} lessons, ${questions} questions, all valid (version ${catalogue.version}).`
);
