// Entry point of the built portal (`npm start` builds first, `npm run serve` only runs).
// adapter-node assumes https unless told otherwise; on a developer machine the portal is reached
// at http://localhost:PORT, so that is the default origin. Behind a proxy set ORIGIN (or
// PROTOCOL_HEADER and HOST_HEADER) to the public address, or form posts are refused (CSRF check).
const port = process.env.PORT || '3000';
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
	process.env.ORIGIN = `http://localhost:${port}`;
}
// Evidence uploads (UPLOAD_MAX_BYTES, 20 MB by default) must reach the upload action, which
// answers an oversize file with a clear message; adapter-node's own default limit (512 kB) would
// cut them off first. Twice the upload limit leaves room for the message on moderately large files.
if (!process.env.BODY_SIZE_LIMIT) {
	const max = Number(process.env.UPLOAD_MAX_BYTES) || 20 * 1024 * 1024;
	process.env.BODY_SIZE_LIMIT = String(max * 2 + 1024 * 1024);
}
await import('./build/index.js');
