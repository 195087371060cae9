// npm run db:seed -- --demo: seeds the demo province (Yên Bái, 123 schools) into an empty database.
import { printDemoLogins } from '../src/lib/server/app';
import { ConfigError, getConfig } from '../src/lib/server/config';
import { migrateDatabase, openDatabase } from '../src/lib/server/db';
import { DataDirLockedError } from '../src/lib/server/db/embedded';
import { seedDemoIfEmpty } from '../src/lib/server/seed';

if (!process.argv.includes('--demo')) {
	console.error(
		'Usage: npm run db:seed -- --demo   (seeds the demo province into an empty database)'
	);
	process.exit(2);
}
try {
	const handle = await openDatabase(getConfig());
	await migrateDatabase(handle);
	const seeded = await seedDemoIfEmpty(handle.db);
	if (seeded) printDemoLogins();
	else console.log('The database already holds data: nothing seeded.');
	await handle.close();
} catch (err) {
	console.error(
		err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : err
	);
	process.exit(1);
}
