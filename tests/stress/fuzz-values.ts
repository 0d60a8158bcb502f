/** Malformed values the fuzzer draws from: each family names a way real clients and attackers go wrong. */

export const sqlFragments = [
	"' OR '1'='1",
	"'; DROP TABLE learning_events; --",
	'1; DELETE FROM users',
	'" OR 1=1 --',
	"dong-thap-2022:866' --",
	'1 UNION SELECT password_hash FROM users',
	"%' AND 1=0 UNION SELECT sqlite_version() --"
];

export const scriptFragments = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'javascript:alert(1)',
	'{{constructor.constructor("alert(1)")()}}',
	'${7*7}',
	'<svg/onload=alert(1)>'
];

export const numbers = [
	'-1',
	'0',
	'-0',
	'-999999999999',
	'99999999999999999999999',
	'1e400',
	'NaN',
	'Infinity',
	'0x10',
	'1.5',
	' 7 ',
	'١٢٣',
	'9007199254740993'
];

export const strings = [
	'',
	' ',
	'\u0000',
	'null',
	'undefined',
	'true',
	'[]',
	'{}',
	'%00',
	'../../etc/passwd',
	'\u202e\u0041\u0042',
	'x'.repeat(5_000),
	'Đồng Tháp 🎓'.repeat(50),
	'\ud800',
	'\r\nSet-Cookie: x=1'
];

/** Names and titles that hide or disguise what they show: refused by every text field. */
export const hiddenText = [
	'Hồ sơ \u202Egnp.exe',
	'Chiến\u0000dịch',
	'Tên\u2066ẩn\u2069',
	'Dòng một\nDòng hai',
	'\u200B\u200B\u200B\u200B',
	'\u3164\u3164\u3164'
];

/** Ids that name nothing, or someone else's thing. */
export const unknownIds = [
	'00000000-0000-0000-0000-000000000000',
	'ffffffff-ffff-ffff-ffff-ffffffffffff',
	crypto.randomUUID(),
	'dong-thap-2026:99999',
	'dong-thap-2022:-1',
	'province',
	'*',
	'%',
	'1',
	'-1'
];

export const dates = [
	'2026-02-30',
	'2026-13-01',
	'26-11-20',
	'2026/11/20',
	'-2026-11-20',
	'9999-99-99'
];

export const allBad = [
	...sqlFragments,
	...scriptFragments,
	...numbers,
	...strings,
	...unknownIds,
	...dates
];

/** Bodies that are not valid UTF-8: lone continuation bytes, overlong forms, surrogates, truncation. */
export const invalidUtf8 = [
	Buffer.from([0xff, 0xfe, 0xfd]),
	Buffer.from([0xc0, 0xaf]),
	Buffer.from([0xed, 0xa0, 0x80]),
	Buffer.from([0xe2, 0x82]),
	Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
	Buffer.from([0x80, 0x80, 0x80])
];

/** JSON documents built to hurt a parser or a validator. */
export function jsonBombs(): string[] {
	return [
		'['.repeat(20_000) + ']'.repeat(20_000),
		'{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
		JSON.stringify({ events: Array.from({ length: 5_000 }, () => ({})) }),
		JSON.stringify({ events: [{ id: 'x'.repeat(300_000) }] }),
		'{"events":[' + '1,'.repeat(100_000) + '1]}',
		'{"__proto__":{"admin":true},"events":[]}',
		'{"constructor":{"prototype":{"x":1}},"events":[{}]}',
		'{"events":[1e400, -1e400, 1e-400]}',
		'{"events":"' + '\\u0000'.repeat(10_000) + '"}',
		'{"events":[{"id":"\\ud800"}]}',
		'{"events": [] , "events": [{}]}',
		'null',
		'"events"',
		'12',
		'',
		'{',
		'{"events":[{"type":"lesson_completed"}]',
		'\ufeff{"events":[]}'
	];
}
