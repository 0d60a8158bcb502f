/// <reference types="vite-plugin-pwa/client" />
/// <reference types="vite-plugin-pwa/info" />
import type { i18n, TFunction } from 'i18next';
import type { Logger } from 'pino';
import type { Locale } from '$lib/content/vocabulary';
import type { Db } from '$lib/server/db/client';
import type { LearnerWithRegion } from '$lib/server/learner';
import type { SessionUser } from '$lib/server/auth/session';
import type { Session } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set for unexpected errors, shown on the error page so a person can quote it. */
			requestId?: string;
		}
		interface Locals {
			requestId: string;
			/** The app's logger with this request's id bound. */
			log: Logger;
			locale: Locale;
			i18n: i18n;
			t: TFunction;
			db: Db;
			user: SessionUser | null;
			session: Session | null;
			learner: LearnerWithRegion | null;
		}
	}
}

export {};
