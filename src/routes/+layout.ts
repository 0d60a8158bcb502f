import { createI18n } from '$lib/i18n';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = ({ data }) => ({ ...data, t: createI18n(data.locale).t });
