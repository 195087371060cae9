// npm run files:to-database: copies evidence files from UPLOAD_DIR into the PostgreSQL database of
// DATABASE_URL (where the portal keeps them since migration 0092), so every process serves them.
import { ConfigError, getConfig, uploadDir } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { DatabaseFileStorage } from '../src/lib/server/files/database-storage';
import { LocalFileStorage } from '../src/lib/server/files/local-storage';
import { moveEvidenceFiles } from '../src/lib/server/files/move-evidence';

try {
	const config = getConfig();
	if (!config.DATABASE_URL)
		throw new ConfigError('DATABASE_URL is not set: files stay in UPLOAD_DIR.');
	const handle = await openDatabase(config);
	const result = await moveEvidenceFiles(
		handle.db,
		new LocalFileStorage(uploadDir(config)),
		new DatabaseFileStorage(handle.db)
	);
	console.log(
		`Copied ${result.copied} file(s) into the database; ${result.missing} not found in ${uploadDir(config)}.`
	);
	await handle.close();
} catch (err) {
	console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
