import { describe, expect, it } from 'vitest';
import { buildCatalogue, type ContentFiles } from './catalogue';
import { validCourse } from './fixture.test-helper';

const dir = 'courses/demo';

function problemsOf(files: ContentFiles): string[] {
	return buildCatalogue(files).problems.map((p) => `${p.path}: ${p.reason}`);
}

function edit(files: ContentFiles, path: string, change: (text: string) => string): ContentFiles {
	const text = files[path];
	if (text === undefined) throw new Error(`no fixture file ${path}`);
	return { ...files, [path]: change(text) };
}

describe('buildCatalogue', () => {
	it('accepts a valid course and builds lessons, quizzes and option ids', () => {
		const { catalogue, problems } = buildCatalogue(validCourse());
		expect(problems).toEqual([]);
		const course = catalogue.courses[0]!;
		expect(course.slug).toBe('demo');
		expect(course.text.vi.title).toBe('Khóa học thử');
		expect(course.lessons.map((l) => l.slug)).toEqual(['first']);
		const quiz = course.lessons[0]!.quiz;
		expect(quiz.passMark).toBe(70);
		expect(quiz.questions.map((q) => [q.id, q.kind, q.correct])).toEqual([
			['call', 'single', ['b']],
			['signs', 'multiple', ['a', 'b']],
			['otp', 'single', ['a']]
		]);
		expect(quiz.questions[0]!.text.en.explanationHtml).toContain('never ask for a transfer');
	});

	it('reports a missing front matter field with the file path', () => {
		const files = edit(validCourse(), `${dir}/01-first.vi.md`, (t) =>
			t.replace(/^title: .*\n/m, '')
		);
		expect(problemsOf(files)).toContain(
			`content/${dir}/01-first.vi.md: front matter field "title" is missing`
		);
	});

	it('reports a quiz question without a correct option', () => {
		const files = edit(validCourse(), `${dir}/01-first.quiz.vi.md`, (t) =>
			t.replace('- [x] Cúp máy', '- [ ] Cúp máy')
		);
		expect(problemsOf(files)).toContain(
			`content/${dir}/01-first.quiz.vi.md: question "call" has no correct option (mark one with [x])`
		);
	});

	it('reports a multiple-choice question with only one correct option', () => {
		const files = edit(validCourse(), `${dir}/01-first.quiz.en.md`, (t) =>
			t.replace('- [x] Being told', '- [ ] Being told')
		);
		expect(problemsOf(files)).toContain(
			`content/${dir}/01-first.quiz.en.md: question "signs" is multiple choice but marks only one option correct (use "single")`
		);
	});

	it('reports a single-choice question with two correct options', () => {
		const files = edit(validCourse(), `${dir}/01-first.quiz.vi.md`, (t) =>
			t.replace('- [ ] Chuyển tiền ngay', '- [x] Chuyển tiền ngay')
		);
		expect(problemsOf(files).join('\n')).toMatch(/question "call" is single choice but marks 2/);
	});

	it('reports a duplicate lesson slug', () => {
		const base = validCourse();
		const files: ContentFiles = { ...base };
		for (const suffix of ['vi.md', 'en.md', 'quiz.vi.md', 'quiz.en.md']) {
			files[`${dir}/02-first.${suffix}`] = base[`${dir}/01-first.${suffix}`]!;
		}
		expect(problemsOf(files)).toContain(
			`content/${dir}/02-first.vi.md: duplicate lesson slug "first" (also lesson 01)`
		);
	});

	it('reports a lesson that one locale has and the other lacks', () => {
		const base = validCourse();
		const files: ContentFiles = {
			...base,
			[`${dir}/02-second.vi.md`]: base[`${dir}/01-first.vi.md`]!,
			[`${dir}/02-second.quiz.vi.md`]: base[`${dir}/01-first.quiz.vi.md`]!
		};
		expect(problemsOf(files)).toContain(
			`content/${dir}/02-second.en.md: missing: lesson 02-second exists in vi but not in en`
		);
	});

	it('reports an English quiz holding Vietnamese text', () => {
		const files = edit(validCourse(), `${dir}/01-first.quiz.en.md`, (t) =>
			t.replace(
				'A bank text asks for your OTP code. What do you do?',
				'Ngân hàng nhắn tin hỏi mã OTP của bạn. Bạn làm gì?'
			)
		);
		expect(problemsOf(files).join('\n')).toContain(
			`content/${dir}/01-first.quiz.en.md: English page holds Vietnamese text`
		);
	});

	it('reports a Vietnamese page written without diacritics', () => {
		const files = edit(validCourse(), `${dir}/01-first.vi.md`, (t) =>
			t.replace(
				/---\nKẻ gian.*\n/,
				'---\nKe gian thuong goi dien, tu xung la can bo va doi ban chuyen tien ngay. Hay binh tinh, cup may va hoi lai nguoi than.\n'
			)
		);
		expect(problemsOf(files).join('\n')).toContain(
			'Vietnamese page has almost no Vietnamese diacritics'
		);
	});

	it('keeps one tone-mark spelling: khóa, not khoá', () => {
		const files = edit(validCourse(), `${dir}/01-first.vi.md`, (t) =>
			t.replace('Hãy bình tĩnh', 'Hãy khoá máy, bình tĩnh')
		);
		expect(problemsOf(files).join('\n')).toContain('"khoá": place tone marks the traditional way');
	});

	it('reports a question without an explanation', () => {
		const files = edit(validCourse(), `${dir}/01-first.quiz.vi.md`, (t) =>
			t.replace('Mã OTP chỉ dành cho riêng bạn, không ai có quyền hỏi.', '')
		);
		expect(problemsOf(files)).toContain(
			`content/${dir}/01-first.quiz.vi.md: question "otp" has no explanation after its options`
		);
	});

	it('reports locales whose right answers differ', () => {
		const files = edit(validCourse(), `${dir}/01-first.quiz.en.md`, (t) =>
			t
				.replace('- [x] Never give', '- [ ] Never give')
				.replace('- [ ] Read the code', '- [x] Read the code')
		);
		expect(problemsOf(files)).toContain(
			`content/${dir}/01-first.quiz.en.md: question "otp" must have the same kind, options and right answers in every locale`
		);
	});

	it('reports invalid YAML, a missing quiz and an unexpected file', () => {
		const base = validCourse();
		const files: ContentFiles = {
			...base,
			[`${dir}/course.en.md`]: '---\ntitle: [unclosed\n---\n',
			[`${dir}/notes.txt`]: 'x'
		};
		delete files[`${dir}/01-first.quiz.en.md`];
		const problems = problemsOf(files).join('\n');
		expect(problems).toContain(`content/${dir}/course.en.md: front matter is not valid YAML`);
		expect(problems).toContain(`content/${dir}/01-first.quiz.en.md: missing`);
		expect(problems).toContain(`content/${dir}/notes.txt: unexpected file`);
	});

	it('reports a lesson that reads longer than the bound', () => {
		const long = ' Hãy luôn cẩn thận khi nhận cuộc gọi lạ.'.repeat(150);
		const files = edit(validCourse(), `${dir}/01-first.vi.md`, (t) => t + long);
		expect(problemsOf(files).join('\n')).toMatch(/reads in about \d+ minutes/);
	});

	it('reports two courses with the same order', () => {
		const files = { ...validCourse('demo'), ...validCourse('other') };
		expect(problemsOf(files)).toContain(
			'content/courses/other/course.vi.md: order 1 is already used by course "demo"'
		);
	});

	it('never lets an author inject script: raw HTML is escaped, unsafe links are refused', () => {
		const files = edit(validCourse(), `${dir}/01-first.en.md`, (t) =>
			t.replace(
				'Stay calm',
				'<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) Stay calm'
			)
		);
		const { catalogue, problems } = buildCatalogue(files);
		expect(problems.map((p) => p.reason).join('\n')).toContain('link "javascript:alert(3)"');
		const safe = edit(validCourse(), `${dir}/01-first.en.md`, (t) =>
			t.replace('Stay calm', '<script>alert(1)</script> <img src=x onerror=alert(2)> Stay calm')
		);
		const html = buildCatalogue(safe).catalogue.courses[0]!.lessons[0]!.text.en.html;
		expect(html).not.toMatch(/<script|<img/);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(catalogue.courses).toEqual([]);
	});

	it('accepts https links to allowlisted official sites only', () => {
		const withLink = (href: string) =>
			problemsOf(
				edit(validCourse(), `${dir}/01-first.en.md`, (t) =>
					t.replace('Stay calm', `[report](${href}) Stay calm`)
				)
			);
		expect(withLink('https://thongbaorac.ais.gov.vn')).toEqual([]);
		expect(withLink('http://thongbaorac.ais.gov.vn').join()).toContain('must be https');
		expect(withLink('https://thongbaorac.ais.gov.vn.evil.example').join()).toContain('allowlist');
	});

	it('reports images without alt text', () => {
		const files = edit(validCourse(), `${dir}/01-first.en.md`, (t) =>
			t.replace('Stay calm', '![](sms.png) Stay calm')
		);
		expect(problemsOf(files).join('\n')).toContain('image "sms.png" has empty alt text');
	});
});
