/** The first admin the e2e server is started with (made by `npm run admin:create`); a test fixture only. */
export const adminUsername = 'e2e-admin';
export const adminPassword = 'e2e admin password, test only';
