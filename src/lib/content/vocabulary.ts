/** Words shared by content, database and UI. Labels live in the locale files, never here. */
export const locales = ['vi', 'en'] as const;
export type Locale = (typeof locales)[number];
export const sourceLocale: Locale = 'vi';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export const audiences = [
	'residents',
	'older-people',
	'students',
	'parents',
	'civil-servants',
	'businesses'
] as const;
export type Audience = (typeof audiences)[number];

export const scamTypes = [
	'impersonation',
	'bank-sms',
	'fake-app',
	'fake-portal',
	'job-scam',
	'investment-scam',
	'recovery-scam',
	'deepfake',
	'gift-scam',
	'phishing',
	'account-takeover',
	'qr-scam',
	'shopping-scam',
	'gaming-scam',
	'romance-scam',
	'malware',
	'data-trading'
] as const;
export type ScamType = (typeof scamTypes)[number];

/** Optional age bands a learner may give; coarse on purpose (data minimisation). */
export const ageBands = ['under-15', '15-24', '25-39', '40-59', '60-plus'] as const;
export type AgeBand = (typeof ageBands)[number];

export const organizationTypes = [
	'school',
	'youth-union',
	'womens-union',
	'farmers-association',
	'agency',
	'enterprise',
	'other'
] as const;
export type OrganizationType = (typeof organizationTypes)[number];

export const roles = ['learner', 'organizer', 'analyst', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The name of a region, region set or other bilingual row in the reader's language. */
export function localName(row: { nameVi: string; nameEn: string }, locale: Locale): string {
	return locale === 'vi' ? row.nameVi : row.nameEn;
}
