// Entry point of the built portal (`npm start` builds first, `npm run serve` only runs).
// adapter-node assumes https unless told otherwise; on a developer machine the portal is reached
// at http://localhost:PORT, so that is the default origin. Behind a proxy set ORIGIN (or
// PROTOCOL_HEADER and HOST_HEADER) to the public address, or form posts are refused (CSRF check).
const port = process.env.PORT || '3000';
// (A malformed PORT is left alone: start-up validation reports it by name.)
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER && /^\d+$/.test(port)) {
	process.env.ORIGIN = `http://localhost:${port}`;
}
// Uploads must reach their actions, which answer an oversize file with a clear message: imports up
// to 5 MB, evidence files up to UPLOAD_MAX_BYTES (20 MB by default). adapter-node's own default
// limit (512 kB) would cut them off first; twice the upload limit leaves room for the message.
if (!process.env.BODY_SIZE_LIMIT) {
	const max = Number(process.env.UPLOAD_MAX_BYTES) || 20 * 1024 * 1024;
	process.env.BODY_SIZE_LIMIT = String(Math.max(max * 2, 5 * 1024 * 1024) + 1024 * 1024);
}
await import('./build/index.js');
