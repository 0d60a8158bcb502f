import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const origin = 'https://antoanmang.dongthap.gov.vn';

describe('safeNext', () => {
	it.each([
		['a protocol-relative address', '//evil.example'],
		['a backslash that browsers read as a slash', '/\\evil.example'],
		['an encoded tab (dropped by browsers: //evil.example)', '/%09/evil.example'],
		['a raw tab', '/\t/evil.example'],
		['a raw newline', '/\n/evil.example'],
		['an encoded newline', '/%0a/evil.example'],
		['an encoded CRLF (header splitting)', '/%0d%0aSet-Cookie:x'],
		['a raw CRLF', '/\r\nSet-Cookie: x=1'],
		['an encoded backslash', '/%5Cevil.example'],
		['an encoded backslash in lower case', '/%5cevil.example'],
		['an encoded second slash', '/%2F/evil.example'],
		['a backslash further on', '/a\\b'],
		['an encoded NUL', '/a%00b'],
		['DEL', '/a\u007fb'],
		['another site', 'https://evil.example'],
		['a scheme with one slash', 'http:/evil.example'],
		['a script address', 'javascript:alert(1)'],
		['a relative path', 'evil.example'],
		['nothing', ''],
		['a very long path', `/${'a'.repeat(3000)}`]
	])('refuses %s', (_, candidate) => {
		expect(safeNext(candidate, origin)).toBe('/');
	});

	it('refuses what is not a string, and uses the fallback given', () => {
		expect(safeNext(null, origin)).toBe('/');
		expect(safeNext(undefined, origin, '/admin')).toBe('/admin');
		expect(safeNext(['/me'], origin)).toBe('/');
		expect(safeNext('//evil.example', origin, '')).toBe('');
	});

	it.each([
		['/', '/'],
		['/me', '/me'],
		['/courses?x=1#y', '/courses?x=1#y'],
		['/courses/online-scams/01-stop-verify-report', '/courses/online-scams/01-stop-verify-report'],
		['/join/ABCD2345', '/join/ABCD2345'],
		['/khóa-học', '/kh%C3%B3a-h%E1%BB%8Dc'],
		['/tìm?q=Đồng Tháp', '/t%C3%ACm?q=%C4%90%E1%BB%93ng%20Th%C3%A1p'],
		['/a/../admin', '/admin'],
		['/%E1%BB%8D', '/%E1%BB%8D']
	])('keeps %j as the same-site path %j', (candidate, expected) => {
		expect(safeNext(candidate, origin)).toBe(expected);
	});

	it('always answers an ASCII path of the site, whatever it is given', () => {
		for (const candidate of ['/khóa', '/\ud800', '/🎓?x=🎓#🎓', `/${'đ'.repeat(500)}`]) {
			const next = safeNext(candidate, origin);
			expect(next).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
			expect(new URL(next, origin).origin).toBe(origin);
		}
	});
});
