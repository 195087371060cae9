import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { PASSWORD, signIn } from './helpers';

/**
 * Hardening (issue 8): the open redirect, cross-site sign-out, cookies over plain http, the
 * Content-Security-Policy and security headers, the language switch with a bad body.
 */
async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
	const ctx = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	const res = await ctx.post('/login', {
		form: { login: email, password: PASSWORD },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status()).toBe(303);
	return ctx;
}

test('never redirects off the portal after sign-in, and never answers 500 to a bad next', async ({
	baseURL
}) => {
	const ctx = await signedIn(baseURL!, 'vanyen@demo.example');
	for (const next of ['%2F%09%2F127.0.0.1%3A3999%2Fpwned', '%2F%5Cevil.example', '%2F%0A%2Fx']) {
		const res = await ctx.get(`/login?next=${next}`, { maxRedirects: 0 });
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toMatch(/^\/(?![/\\\t])/);
	}
	for (const next of ['%2F%0A%2Fx', '%2F%0D%2Fx', '%2F%E3%80%82%2Fx', '%2F%09%2Fevil.example']) {
		const anon = await request.newContext({
			baseURL,
			extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
		});
		const res = await anon.post(`/login?next=${next}`, {
			form: { login: 'vanyen@demo.example', password: PASSWORD },
			maxRedirects: 0
		});
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toMatch(/^\/(?![/\\\t])/);
		await anon.dispose();
	}
	await ctx.dispose();
});

test('the language switch follows only paths of the portal and survives a JSON body', async ({
	baseURL
}) => {
	const ctx = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	for (const redirectTo of [
		'/\\evil.example',
		'/%0A/x',
		'//evil.example',
		'https://evil.example'
	]) {
		const res = await ctx.post('/locale', { form: { locale: 'en', redirectTo }, maxRedirects: 0 });
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toBe(redirectTo === '/%0A/x' ? '/%0A/x' : '/');
	}
	const json = await ctx.post('/locale', {
		data: { locale: 'en', redirectTo: '/x' },
		headers: { 'content-type': 'application/json' },
		maxRedirects: 0
	});
	expect(json.status()).toBe(303);
	// Over plain http the language cookie is not Secure (a browser would drop it).
	const form = await ctx.post('/locale', { form: { locale: 'vi' }, maxRedirects: 0 });
	expect(form.headers()['set-cookie']).toMatch(/locale=vi/);
	expect(form.headers()['set-cookie']).not.toMatch(/secure/i);
	await ctx.dispose();
});

test('a page of another site cannot sign the user out', async ({ baseURL }) => {
	const ctx = await signedIn(baseURL!, 'vanyen@demo.example');
	const forged = await ctx.post('/logout', {
		headers: { origin: 'http://evil.example' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);
	const bare = await request.newContext({ baseURL, storageState: await ctx.storageState() });
	expect((await bare.post('/logout', { maxRedirects: 0 })).status()).toBe(403);
	expect((await ctx.get('/api/v1/me')).status()).toBe(200);
	const own = await ctx.post('/logout', { maxRedirects: 0 });
	expect(own.status()).toBe(303);
	expect(own.headers()['set-cookie']).not.toMatch(/secure/i);
	expect((await ctx.get('/api/v1/me')).status()).toBe(401);
	await bare.dispose();
	await ctx.dispose();
});

test('the province dashboard draws its charts under the Content-Security-Policy', async ({
	page
}) => {
	const violations: string[] = [];
	page.on('console', (msg) => {
		if (/Content.Security.Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
	});
	page.on('pageerror', (err) => violations.push(err.message));
	await signIn(page, 'so@demo.example');
	const res = await page.goto('/department');
	const headers = res!.headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy']).toContain("object-src 'none'");
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
	expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
	const figure = page.getByRole('figure', { name: 'Tiến độ theo khu vực' });
	await expect(figure.locator('canvas')).toBeVisible();
	const drawn = await figure
		.locator('canvas')
		.evaluate((c: HTMLCanvasElement) => c.width > 0 && c.height > 0);
	expect(drawn).toBe(true);
	expect(violations).toEqual([]);
	// An inline script without the response's nonce (what an injection would add) does not run.
	await page
		.evaluate(() => {
			const s = document.createElement('script');
			s.textContent = 'window.__injected = true';
			document.body.append(s);
		})
		.catch(() => {});
	expect(
		await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)
	).toBe(undefined);
});
