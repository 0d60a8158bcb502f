interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

let deferred: BeforeInstallPromptEvent | null = null;

/**
 * The browser's install offer, kept for a sensible moment: it is shown beside "save for offline" and
 * after a finished lesson, never as a pop-up on arrival.
 */
export const installPrompt = $state({
	available: false,
	listen() {
		addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault();
			deferred = event as BeforeInstallPromptEvent;
			installPrompt.available = true;
		});
		addEventListener('appinstalled', () => {
			deferred = null;
			installPrompt.available = false;
		});
	},
	async install() {
		if (!deferred) return;
		await deferred.prompt();
		await deferred.userChoice;
		deferred = null;
		installPrompt.available = false;
	}
});
