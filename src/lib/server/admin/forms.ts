import * as v from 'valibot';
import { organizationTypes, roles } from '../db/schema';
import { lineOfText } from '../text';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const optionalId = v.optional(v.union([v.literal(''), id]), '');

const badOrganization = 'admin.badOrganization';
/** Every message is an i18n key: the name's own (hidden or invisible characters) or the form's. */
export const OrganizationForm = v.object(
	{
		name: lineOfText(2, 200, badOrganization),
		type: v.picklist(organizationTypes, badOrganization),
		region: v.pipe(
			v.string(badOrganization),
			v.minLength(1, badOrganization),
			v.maxLength(100, badOrganization)
		)
	},
	badOrganization
);

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
