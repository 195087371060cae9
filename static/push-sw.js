/* Trường Số: the service worker of Web Push notifications (registered by PushSubscribe.svelte).
 * It only shows the portal's notifications and opens the notice's page of the portal on a click. */
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
	let data;
	try {
		data = event.data ? event.data.json() : {};
	} catch {
		data = { body: event.data ? event.data.text() : '' };
	}
	const title = typeof data.title === 'string' && data.title ? data.title : 'Trường Số';
	event.waitUntil(
		self.registration.showNotification(title, {
			body: typeof data.body === 'string' ? data.body : '',
			tag: typeof data.tag === 'string' ? data.tag : undefined,
			lang: 'vi',
			data: { url: typeof data.url === 'string' ? data.url : '/' }
		})
	);
});

/** Only a page of the portal itself: anything else opens the portal's home. */
function portalUrl(raw) {
	try {
		const url = new URL(raw, self.location.origin);
		return url.origin === self.location.origin ? url.href : self.location.origin + '/';
	} catch {
		return self.location.origin + '/';
	}
}

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const target = portalUrl(event.notification.data && event.notification.data.url);
	event.waitUntil(
		self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
			for (const w of windows) {
				if (w.url === target && 'focus' in w) return w.focus();
			}
			return self.clients.openWindow(target);
		})
	);
});
