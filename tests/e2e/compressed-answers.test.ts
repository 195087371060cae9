import { expect, test } from '@playwright/test';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { signIn } from './helpers';

/**
 * Pages and JSON answers travel compressed (brotli, or gzip for a client without it), and the
 * browser still renders and hydrates them; a client that asks for nothing gets plain bytes.
 */
function raw(url: string, headers: Record<string, string>) {
	return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
		(resolve, reject) => {
			http
				.get(url, { headers }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () =>
						resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) })
					);
				})
				.on('error', reject);
		}
	);
}

test('a teacher’s page arrives brotli-compressed in the browser and still works', async ({
	page
}) => {
	await signIn(page, 'quangtrung.gv@demo.example');
	const response = await page.goto('/teacher/usage');
	expect(response!.status()).toBe(200);
	expect((await response!.allHeaders())['content-encoding']).toBe('br');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('pages and the JSON API are compressed as asked; none without Accept-Encoding', async ({
	page,
	baseURL
}) => {
	await signIn(page, 'so@demo.example');
	const cookies = await page.context().cookies();
	const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	for (const path of ['/department', '/api/v1/rollout/summary']) {
		const plain = await raw(`${baseURL}${path}`, { cookie });
		expect(plain.status, path).toBe(200);
		expect(plain.headers['content-encoding'], path).toBeUndefined();
		expect(plain.headers['vary'], path).toContain('Accept-Encoding');
		for (const [encoding, decode] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const packed = await raw(`${baseURL}${path}`, { cookie, 'accept-encoding': encoding });
			expect(packed.status, path).toBe(200);
			expect(packed.headers['content-encoding'], path).toBe(encoding);
			// rendered at once, so compressed at once: the length of the bytes sent is known
			expect(packed.headers['content-length'], path).toBe(String(packed.body.length));
			expect(packed.body.length, path).toBeLessThan(
				plain.body.length / (path.startsWith('/api/') ? 1.5 : 3)
			);
			const text = decode(packed.body).toString('utf8');
			if (path.startsWith('/api/')) expect(() => JSON.parse(text)).not.toThrow();
			else expect(text).toContain('</html>');
		}
	}
	// the health check is tiny: sent as it is
	const health = await raw(`${baseURL}/healthz`, { 'accept-encoding': 'br, gzip' });
	expect(health.headers['content-encoding']).toBeUndefined();
});
