import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	chooseEncoding,
	compressResponse,
	isCompressible
} from '../../src/lib/server/http/compress';

const page = '<!doctype html><html><body>' + 'Trường Số — '.repeat(400) + '</body></html>';

function answer(body: string, type: string, extra: Record<string, string> = {}) {
	const headers = new Headers({ 'content-type': type, ...extra });
	headers.append('set-cookie', 'a=1; Path=/');
	headers.append('set-cookie', 'b=2; Path=/');
	return new Response(body, { status: 200, headers });
}

const get = (encoding: string | null, method = 'GET') =>
	new Request('http://localhost/x', {
		method,
		headers: encoding === null ? {} : { 'accept-encoding': encoding }
	});

describe('chooseEncoding', () => {
	it('prefers brotli, falls back to gzip and honours q=0', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0.5, gzip;q=1')).toBe('gzip');
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*, br;q=0')).toBe('gzip');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding('')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
		expect(chooseEncoding('gzip;q=abc')).toBeNull();
	});
});

describe('isCompressible', () => {
	const h = (type: string, extra: Record<string, string> = {}) =>
		new Headers({ 'content-type': type, ...extra });
	it('takes pages, JSON and CSV, never an event stream, an encoded or a small body', () => {
		expect(isCompressible(h('text/html; charset=utf-8'), 200, 'GET')).toBe(true);
		expect(isCompressible(h('application/json'), 404, 'GET')).toBe(true);
		expect(isCompressible(h('application/problem+json'), 400, 'POST')).toBe(true);
		expect(isCompressible(h('text/csv; charset=utf-8'), 200, 'GET')).toBe(true);
		expect(isCompressible(h('text/event-stream'), 200, 'GET')).toBe(false);
		expect(isCompressible(h('image/png'), 200, 'GET')).toBe(false);
		expect(isCompressible(h('application/octet-stream'), 200, 'GET')).toBe(false);
		expect(isCompressible(h('text/html', { 'content-encoding': 'br' }), 200, 'GET')).toBe(false);
		expect(isCompressible(h('text/html', { 'content-length': '200' }), 200, 'GET')).toBe(false);
		expect(isCompressible(h('text/html', { 'cache-control': 'no-transform' }), 200, 'GET')).toBe(
			false
		);
		expect(isCompressible(h('text/html'), 200, 'HEAD')).toBe(false);
		expect(isCompressible(h('text/html'), 304, 'GET')).toBe(false);
		expect(isCompressible(h('text/html'), 204, 'GET')).toBe(false);
	});
});

describe('compressResponse', () => {
	it('sends brotli or gzip that decodes to the same page, keeping status and cookies', async () => {
		for (const [accept, decode] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const res = await compressResponse(get(accept), answer(page, 'text/html; charset=utf-8'));
			expect(res.headers.get('content-encoding')).toBe(accept);
			expect(res.headers.get('vary')).toContain('Accept-Encoding');
			expect(res.headers.get('content-length')).toBeNull();
			expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
			const bytes = Buffer.from(await res.arrayBuffer());
			expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 4);
			expect(decode(bytes).toString('utf8')).toBe(page);
		}
	});

	it('compresses a body of known length in one piece and says its new length', async () => {
		const length = String(Buffer.byteLength(page));
		for (const [accept, decode] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const res = await compressResponse(
				get(accept),
				answer(page, 'text/html; charset=utf-8', { 'content-length': length })
			);
			expect(res.headers.get('content-encoding')).toBe(accept);
			expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
			const bytes = Buffer.from(await res.arrayBuffer());
			expect(res.headers.get('content-length')).toBe(String(bytes.length));
			expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 4);
			expect(decode(bytes).toString('utf8')).toBe(page);
		}
		// above the event loop's share (128 kB), the same in zlib's thread pool
		const big = '<p>' + 'Sổ điểm lớp 8A — '.repeat(20_000) + '</p>';
		const res = await compressResponse(
			get('br'),
			answer(big, 'text/html', { 'content-length': String(Buffer.byteLength(big)) })
		);
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(res.headers.get('content-length')).toBe(String(bytes.length));
		expect(brotliDecompressSync(bytes).toString('utf8')).toBe(big);
	});

	it('leaves the body alone for a client without compression or an event stream', async () => {
		const plain = await compressResponse(get(null), answer(page, 'text/html'));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('vary')).toContain('Accept-Encoding');
		expect(await plain.text()).toBe(page);
		const stream = answer('data: 1\n\n'.repeat(500), 'text/event-stream');
		expect(await compressResponse(get('br, gzip'), stream)).toBe(stream);
	});

	it('marks a strong ETag weak once the bytes are compressed', async () => {
		const res = await compressResponse(
			get('gzip'),
			answer(page, 'application/json', { etag: '"abc"' })
		);
		expect(res.headers.get('etag')).toBe('W/"abc"');
	});
});
