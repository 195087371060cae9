/**
 * A portal process sending school notices to the staff of a school, for the fan-out kill test
 * (notice-fanout-kill.test.ts): it sends `count` notices through `sendNotice` (the notice, one
 * recipient row per staff account, the outbox rows and the delivery job in one transaction) and
 * writes each id to `recordFile` once `sendNotice` has returned (committed).
 * Usage: tsx tests/helpers/fanout-child.ts <databaseUrl> <schoolId> <adminEmail> <title> <count> <recordFile>
 */
import { appendFileSync } from 'node:fs';
import { noticeSchema } from '../../src/lib/schemas/messages';
import { createKysely, createPool } from '../../src/lib/server/db/connect';
import { sendNotice } from '../../src/lib/server/messages/notices';
import { loadRoles } from '../../src/lib/server/auth/session';

const [url, schoolId, adminEmail, title, count, file] = process.argv.slice(2);
const db = createKysely(createPool(url, 2));
const user = await db
	.selectFrom('users')
	.select(['id', 'email', 'name', 'locale'])
	.where('email', '=', adminEmail)
	.executeTakeFirstOrThrow();
const principal = {
	userId: user.id,
	email: user.email,
	name: user.name,
	locale: user.locale,
	roles: await loadRoles(db, user.id)
};
for (let i = 0; i < Number(count); i++) {
	const id = await sendNotice(
		db,
		{ principal, requestId: `fanout-child-${i}` },
		Number(schoolId),
		noticeSchema.parse({ title, body: 'Họp hội đồng sư phạm', target: 'staff' })
	);
	appendFileSync(file, `${id}\n`);
}
await db.destroy();
