/**
 * A portal process sending an outbox batch, for the kill test (messages-outbox.test.ts): it
 * records every e-mail its transport accepts (one line per Message-ID, written before `send`
 * returns), and the send after `stopAfter` accepted e-mails never returns, so the test can kill
 * it with SIGKILL in the middle of a batch, with rows claimed and not sent.
 * Usage: tsx tests/helpers/deliver-child.ts <databaseUrl> <batchKey> <recordFile> <stopAfter>
 */
import { appendFileSync } from 'node:fs';
import { createKysely, createPool } from '../../src/lib/server/db/connect';
import { deliverBatch } from '../../src/lib/server/messages/delivery';

const [url, batchKey, file, stopAfter] = process.argv.slice(2);
const db = createKysely(createPool(url, 2));
let accepted = 0;
await deliverBatch(
	db,
	batchKey,
	{
		async send(mail) {
			if (accepted === Number(stopAfter)) await new Promise(() => {});
			appendFileSync(file, `${mail.messageId}\n`);
			accepted++;
		}
	},
	{ from: 'test@truongso.invalid', leaseMs: 1500, batchSize: 4 }
);
