// Entry point of the built portal (`npm start` builds first, `npm run serve` only runs).
// adapter-node assumes https unless told otherwise; on a developer machine the portal is reached
// at http://localhost:PORT, so that is the default origin. Behind a proxy set ORIGIN (or
// PROTOCOL_HEADER and HOST_HEADER) to the public address, or form posts are refused (CSRF check).
const port = process.env.PORT || '3000';
// (A malformed PORT is left alone: start-up validation reports it by name.)
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER && /^\d+$/.test(port)) {
	process.env.ORIGIN = `http://localhost:${port}`;
}
await import('./build/index.js');
