import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import {
	answerLocation,
	isNativeFormPost,
	readAnswer,
	storeAnswer
} from '../../src/lib/server/http/post-answers';
import { connectTestDb, principalOf } from '../helpers/context';

/** Issue 9, item 10: the answers of form posts kept for their redirect. */
let db: DB;
let close: () => Promise<void>;
beforeAll(() => ({ db, close } = connectTestDb()));
afterAll(() => close());

async function session() {
	const user = await principalOf(db, 'quangtrung.gv@demo.example');
	return (await createSession(db, generateSessionToken(), user.userId, { days: 1 })).id;
}

describe('answers of form posts', () => {
	it('are kept encrypted, for the session that posted only, until they expire', async () => {
		const mine = await session();
		const other = await session();
		const page = '<p>Mã mới: trs_secretsecret</p>';
		const id = await storeAnswer(db, mine, page, { 'content-type': 'text/html' });
		expect(id).toMatch(/^[\w-]{22}$/);
		const row = await db
			.selectFrom('post_answers')
			.select('body')
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(Buffer.from(row.body).toString('latin1')).not.toContain('trs_secret');
		expect(await readAnswer(db, mine, id)).toEqual({
			html: page,
			headers: { 'content-type': 'text/html' }
		});
		expect(await readAnswer(db, other, id)).toBeNull();
		expect(await readAnswer(db, mine, 'not-an-id')).toBeNull();
		await db
			.updateTable('post_answers')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', id)
			.execute();
		expect(await readAnswer(db, mine, id)).toBeNull();
	});

	it('are made only for forms the browser posts itself, and lead back to the same page', () => {
		const post = (headers: Record<string, string>) =>
			new Request('http://x/teacher/usage?/log', { method: 'POST', headers });
		const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
		expect(isNativeFormPost(post(form))).toBe(true);
		expect(isNativeFormPost(post({ ...form, 'content-type': 'multipart/form-data; b=1' }))).toBe(
			true
		);
		expect(isNativeFormPost(post({ ...form, accept: 'application/json' }))).toBe(false);
		expect(isNativeFormPost(post({ ...form, 'x-sveltekit-action': 'true' }))).toBe(false);
		expect(isNativeFormPost(post({ 'content-type': 'application/json' }))).toBe(false);
		expect(
			answerLocation(new URL('http://x/teacher/usage?/log&day=2026-12-01&answer=old'), 'A')
		).toBe('/teacher/usage?day=2026-12-01&answer=A');
	});
});
