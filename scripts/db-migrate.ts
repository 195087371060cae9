// npm run db:migrate: applies migrations/ to the database of DATABASE_URL (or the embedded one in DATA_DIR).
import { ConfigError, getConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db';
import { DataDirLockedError } from '../src/lib/server/db/embedded';

try {
	const handle = await openDatabase(getConfig());
	const result = await migrateDatabase(handle);
	console.log(
		result.applied.length
			? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`
			: `The ${handle.kind} database is up to date (${result.total} migrations).`
	);
	await handle.close();
} catch (err) {
	console.error(
		err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : err
	);
	process.exit(1);
}
