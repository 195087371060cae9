import { pipeline, Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import zlib from 'node:zlib';

/**
 * Compression of the portal's own answers (pages, JSON, CSV): brotli or gzip, as the client's
 * Accept-Encoding allows. Static assets are not concerned (adapter-node serves their precompressed
 * .br/.gz files before the hooks run). A server-sent event stream is never compressed: a proxy or
 * the browser would hold its events back.
 *
 * An answer whose length is known (every page SvelteKit renders at once, JSON, CSV) is compressed in
 * one call: on the event loop up to SYNC_MAX_BYTES (brotli at quality 4 takes about 0.15 ms for a
 * 10 kB page), in zlib's thread pool above. A streamed answer (no length) goes through a compressor
 * stream that flushes after every chunk, so it still arrives piece by piece. The stream costs far
 * more than the compression itself (about 1 ms of CPU per small page, measured with `bench:load`'s
 * CPU per request), which is why it is kept for the answers that need it.
 */
export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are (the headers would eat the gain). */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE =
	/^(text\/(html|plain|csv|css|xml)|application\/(json|xml|javascript|[\w.+-]+\+json)|image\/svg\+xml)\b/i;

/** The encoding to use for an Accept-Encoding header: brotli first, then gzip; `q=0` refuses. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q=(.*?)\s*$/.exec(p)).find(Boolean);
		const weight = q ? Number(q[1]) : 1;
		if (name) accepted.set(name, Number.isFinite(weight) ? weight : 0);
	}
	const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
	if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
	if (weight('gzip') > 0) return 'gzip';
	return null;
}

/** Whether an answer of this type and size may be compressed at all. */
export function isCompressible(headers: Headers, status: number, method: string): boolean {
	if (method === 'HEAD' || status < 200 || status === 204 || status === 206 || status === 304)
		return false;
	if (headers.has('content-encoding')) return false;
	if (/\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return false;
	const type = headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type)) return false; // text/event-stream among others
	const length = headers.get('content-length');
	return length === null || Number(length) >= MIN_COMPRESS_BYTES;
}

/** Complete bodies up to this size are compressed at once; longer ones are streamed. */
export const ONE_SHOT_MAX_BYTES = 4 * 1024 * 1024;
/** Complete bodies up to this size are compressed on the event loop (well under a millisecond). */
const SYNC_MAX_BYTES = 128 * 1024;

const brotliAsync = promisify(zlib.brotliCompress);
const gzipAsync = promisify(zlib.gzip);

function brotliOptions(sizeHint?: number): zlib.BrotliOptions {
	return {
		params: {
			// quality 4: about gzip's speed at a better ratio (11, the default, is far too slow)
			[zlib.constants.BROTLI_PARAM_QUALITY]: 4,
			[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
			...(sizeHint
				? {
						[zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint,
						// a window just larger than the body (at least 64 kB) compresses it as well as the
						// default 4 MB one and costs less to set up: 0.15 instead of 0.22 ms for a 6 kB page
						[zlib.constants.BROTLI_PARAM_LGWIN]: Math.min(
							22,
							Math.max(16, Math.ceil(Math.log2(sizeHint + 16)))
						)
					}
				: {})
		}
	};
}

/** A whole body compressed in one call. */
async function compressWhole(encoding: Encoding, body: Buffer): Promise<Buffer> {
	if (body.length <= SYNC_MAX_BYTES)
		return encoding === 'br'
			? zlib.brotliCompressSync(body, brotliOptions(body.length))
			: zlib.gzipSync(body, { level: 6 });
	return encoding === 'br'
		? brotliAsync(body, brotliOptions(body.length))
		: gzipAsync(body, { level: 6 });
}

function compressor(encoding: Encoding) {
	return encoding === 'br'
		? zlib.createBrotliCompress({
				flush: zlib.constants.BROTLI_OPERATION_FLUSH,
				...brotliOptions()
			})
		: zlib.createGzip({ level: 6, flush: zlib.constants.Z_SYNC_FLUSH });
}

/**
 * The answer compressed for the request, or the same answer (with `Vary: Accept-Encoding` when its
 * type could have been compressed).
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
	if (!response.body || !isCompressible(response.headers, response.status, request.method))
		return response;
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return withHeaders(response, response.body, headers);
	headers.set('content-encoding', encoding);
	// a strong validator names the bytes sent: mark it weak once they are compressed
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	const length = Number(response.headers.get('content-length') ?? NaN);
	if (length <= ONE_SHOT_MAX_BYTES) {
		const packed = await compressWhole(encoding, Buffer.from(await response.arrayBuffer()));
		headers.set('content-length', String(packed.length));
		return withHeaders(response, new Uint8Array(packed), headers);
	}
	// pipeline (not pipe): a client that goes away or a failing body ends both streams
	const stream = pipeline(
		Readable.fromWeb(response.body as NodeWebStream<Uint8Array>),
		compressor(encoding),
		() => {}
	);
	headers.delete('content-length');
	return withHeaders(response, Readable.toWeb(stream) as ReadableStream<Uint8Array>, headers);
}

function withHeaders(
	response: Response,
	body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>,
	headers: Headers
) {
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
