import * as v from 'valibot';
import { ageBands, type AgeBand } from '$lib/content/vocabulary';

/** The district + optional age band form used on /start and /me. */
export const ProfileForm = v.object({
	region: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
	ageBand: v.optional(v.union([v.literal(''), v.picklist(ageBands)]))
});

export function readProfileForm(
	form: FormData
): { region: string; ageBand: AgeBand | null } | null {
	const result = v.safeParse(ProfileForm, {
		region: form.get('region') ?? '',
		ageBand: form.get('ageBand') ?? undefined
	});
	if (!result.success) return null;
	return { region: result.output.region, ageBand: result.output.ageBand || null };
}
