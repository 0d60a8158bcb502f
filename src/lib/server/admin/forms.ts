import * as v from 'valibot';
import { organizationTypes, roles } from '../db/schema';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const optionalId = v.optional(v.union([v.literal(''), id]), '');

export const OrganizationForm = v.object({
	name: v.pipe(v.string(), v.trim(), v.minLength(2), v.maxLength(200)),
	type: v.picklist(organizationTypes),
	region: id
});

export const InviteForm = v.object({
	role: v.picklist(['organizer', 'analyst']),
	organization: optionalId,
	scope: optionalId
});

export const RoleForm = v.object({
	user: id,
	role: v.picklist(roles),
	organization: optionalId,
	scope: optionalId
});

/** Reads named fields of a form into a plain object for valibot (absent fields stay undefined). */
export function fields(form: FormData, names: string[]): Record<string, string | undefined> {
	return Object.fromEntries(names.map((n) => [n, form.get(n)?.toString()]));
}
