// Entry point of the built portal (`npm start` builds first, `npm run serve` only runs).
// adapter-node assumes https unless told otherwise; on a developer machine the portal is reached
// at http://localhost:PORT, so that is the default origin. Behind a proxy set ORIGIN (or
// PROTOCOL_HEADER and HOST_HEADER) to the public address, or form posts are refused (CSRF check).
const port = process.env.PORT || '3000';
// (A malformed PORT is left alone: start-up validation reports it by name.)
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER && /^\d+$/.test(port)) {
	process.env.ORIGIN = `http://localhost:${port}`;
}
// adapter-node refuses request bodies over 512 KB by default; uploads (imports up to 5 MB, evidence
// files up to UPLOAD_MAX_BYTES) need more. Each upload form still checks its own limit.
if (!process.env.BODY_SIZE_LIMIT) {
	const uploadMax = Number(process.env.UPLOAD_MAX_BYTES) || 20 * 1024 * 1024;
	process.env.BODY_SIZE_LIMIT = String(Math.max(uploadMax, 5 * 1024 * 1024) + 1024 * 1024);
}
await import('./build/index.js');
