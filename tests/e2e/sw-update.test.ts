import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

declare global {
	interface Window {
		appRegisteredWorker?: Promise<boolean>;
		beforeUpdate?: boolean;
	}
}

/**
 * The built app behind a proxy that adds a version probe to the worker script: changing `version`
 * is a deploy, as the browser sees it. A proxy rather than context.route: Playwright's routes see the
 * worker's first install, but not Chromium's later update checks (registration.update()).
 */
async function deployableApp(app: string) {
	const state = { version: 1, origin: '', server: undefined as Server | undefined };
	const probe = (v: number) =>
		`\n// version ${v}\nself.addEventListener('message', (e) => { if (e.data === 'version?') e.ports[0]?.postMessage(${v}); });\n`;
	state.server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', app);
		if (url.pathname === '/service-worker.js') {
			const version = state.version;
			fetch(url)
				.then(async (answer) => {
					res.writeHead(answer.status, {
						'content-type': 'text/javascript',
						'cache-control': 'no-cache'
					});
					res.end((await answer.text()) + probe(version));
				})
				.catch(() => res.destroy());
			return;
		}
		const forward = request(
			url,
			{ method: req.method, headers: { ...req.headers, host: url.host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		forward.on('error', () => res.destroy());
		req.pipe(forward);
	});
	await new Promise<void>((resolve) => state.server!.listen(0, '127.0.0.1', resolve));
	state.origin = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
	return state;
}

/** Asks the worker controlling the page which version of the script it runs. */
function controllerVersion(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const channel = new MessageChannel();
				channel.port1.onmessage = (event) => resolve(event.data as number);
				navigator.serviceWorker.controller!.postMessage('version?', [channel.port2]);
			})
	);
}

test('a deployed version is offered with an Update button; the new worker takes over and the page reloads', async ({
	baseURL,
	context,
	page
}) => {
	test.setTimeout(90_000);
	const app = await deployableApp(baseURL!);
	try {
		// Lets the test wait until the app's registration (the prompt's listeners) is in place.
		await context.addInitScript(() => {
			const container = navigator.serviceWorker;
			const register = container.register.bind(container);
			container.register = (...args: Parameters<typeof register>) => {
				const registered = register(...args);
				window.appRegisteredWorker = registered.then(
					() => true,
					() => false
				);
				return registered;
			};
		});

		// A returning learner: version 1 installed and controlling the page.
		await page.goto(`${app.origin}/`);
		await page.waitForFunction(
			async () => (await navigator.serviceWorker.ready).active?.state === 'activated'
		);
		await page.reload();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		expect(await controllerVersion(page)).toBe(1);
		await page.waitForFunction(() => window.appRegisteredWorker !== undefined);
		expect(await page.evaluate(() => window.appRegisteredWorker)).toBe(true);
		const prompt = page
			.getByRole('status')
			.filter({ hasText: 'Đã có phiên bản mới của ứng dụng.' });
		await expect(prompt).toHaveCount(0);

		// Version 2 is deployed; the app's check (hourly, here at once) finds it and offers it.
		app.version = 2;
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())!.update();
		});
		await expect(prompt).toBeVisible({ timeout: 30_000 });
		expect(await controllerVersion(page)).toBe(1);

		await page.evaluate(() => (window.beforeUpdate = true));
		const reloaded = page.waitForEvent('load', { timeout: 30_000 });
		await prompt.getByRole('button', { name: 'Cập nhật' }).click();
		await reloaded;
		expect(await page.evaluate(() => window.beforeUpdate)).toBeUndefined();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		expect(await controllerVersion(page)).toBe(2);
		expect(
			await page.evaluate(() => new URL(navigator.serviceWorker.controller!.scriptURL).pathname)
		).toBe('/service-worker.js');
		await expect(prompt).toHaveCount(0);
	} finally {
		app.server!.closeAllConnections();
		app.server!.close();
	}
});
