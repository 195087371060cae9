import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword, signIn } from '../../src/lib/server/auth/service';
import { listUserSessions, validateSessionToken } from '../../src/lib/server/auth/session';
import { hashPassword } from '../../src/lib/server/auth/password';
import { THROTTLE } from '../../src/lib/server/auth/rate-limit';
import { connectTestDb } from '../helpers/context';
import type { DB } from '../../src/lib/server/db';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

const base = { userAgent: 'vitest', sessionDays: 30 };

async function newUser(email: string, password = 'secret-pass-1') {
	const row = await db
		.insertInto('users')
		.values({ email, name: 'Người Thử', password_hash: await hashPassword(password) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

describe('sign-in', () => {
	it('signs in with the right password and stores only the hash of the token', async () => {
		const result = await signIn(db, {
			...base,
			login: 'SO@demo.example ',
			password: 'demo-2026',
			ip: '10.0.0.1'
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const stored = await db
			.selectFrom('sessions')
			.select('id')
			.where('id', '=', result.session.id)
			.executeTakeFirst();
		expect(stored?.id).toHaveLength(64);
		expect(stored?.id).not.toContain(result.token);
		const validated = await validateSessionToken(db, result.token, 30);
		expect(validated?.principal.roles.map((r) => r.role)).toEqual(['department']);
	});

	it('gives the same answer for an unknown e-mail and a wrong password', async () => {
		const unknown = await signIn(db, {
			...base,
			login: 'nobody@demo.example',
			password: 'x',
			ip: '10.0.0.2'
		});
		const wrong = await signIn(db, {
			...base,
			login: 'vanyen@demo.example',
			password: 'x',
			ip: '10.0.0.3'
		});
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
	});

	it('locks an account after repeated failures, even with the right password', async () => {
		const email = 'lockme@demo.example';
		await newUser(email);
		let last;
		for (let i = 0; i < THROTTLE.accountLimit; i++) {
			last = await signIn(db, { ...base, login: email, password: 'wrong', ip: `10.1.0.${i}` });
		}
		expect(last).toMatchObject({ ok: false, reason: 'locked' });
		const right = await signIn(db, {
			...base,
			login: email,
			password: 'secret-pass-1',
			ip: '10.1.1.1'
		});
		expect(right).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('locks an IP address that tries many accounts', async () => {
		const ip = '10.2.0.1';
		let last;
		for (let i = 0; i <= THROTTLE.ipAccountLimit; i++) {
			last = await signIn(db, { ...base, login: `spray${i}@demo.example`, password: 'x', ip });
		}
		expect(last).toMatchObject({ ok: false, reason: 'locked' });
		const fromOther = await signIn(db, {
			...base,
			login: 'so@demo.example',
			password: 'demo-2026',
			ip: '10.2.0.2'
		});
		expect(fromOther.ok).toBe(true);
	});

	it('rejects a deactivated user', async () => {
		const email = 'inactive@demo.example';
		const id = await newUser(email);
		await db.updateTable('users').set({ active: false }).where('id', '=', id).execute();
		expect(
			await signIn(db, { ...base, login: email, password: 'secret-pass-1', ip: '10.3.0.1' })
		).toEqual({ ok: false, reason: 'invalid' });
	});
});

describe('sessions', () => {
	it('changes the password, signs out the other sessions and keeps the current one', async () => {
		const email = 'changer@demo.example';
		const id = await newUser(email);
		const a = await signIn(db, {
			...base,
			login: email,
			password: 'secret-pass-1',
			ip: '10.4.0.1'
		});
		const b = await signIn(db, {
			...base,
			login: email,
			password: 'secret-pass-1',
			ip: '10.4.0.2'
		});
		if (!a.ok || !b.ok) throw new Error('sign-in failed');
		expect(await changePassword(db, id, a.session.id, 'wrong', 'new-pass-123')).toBe(
			'wrong_password'
		);
		expect(await changePassword(db, id, a.session.id, 'secret-pass-1', 'new-pass-123')).toBe('ok');
		const sessions = await listUserSessions(db, id);
		expect(sessions.map((s) => s.id)).toEqual([a.session.id]);
		expect(await validateSessionToken(db, b.token, 30)).toBeNull();
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity_id', '=', String(id))
			.execute();
		expect(audit.map((r) => r.action)).toContain('password.change');
		expect(
			(await signIn(db, { ...base, login: email, password: 'new-pass-123', ip: '10.4.0.3' })).ok
		).toBe(true);
	});

	it('extends a session used in the second half of its life', async () => {
		const result = await signIn(db, {
			...base,
			login: 'so@demo.example',
			password: 'demo-2026',
			ip: '10.5.0.1'
		});
		if (!result.ok) throw new Error('sign-in failed');
		const soon = new Date(Date.now() + 2 * 24 * 3600 * 1000);
		await db
			.updateTable('sessions')
			.set({ expires_at: soon })
			.where('id', '=', result.session.id)
			.execute();
		const validated = await validateSessionToken(db, result.token, 30);
		expect(validated!.session.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + 29 * 24 * 3600 * 1000
		);
	});

	it('drops an expired session', async () => {
		const result = await signIn(db, {
			...base,
			login: 'so@demo.example',
			password: 'demo-2026',
			ip: '10.6.0.1'
		});
		if (!result.ok) throw new Error('sign-in failed');
		await db
			.updateTable('sessions')
			.set({ expires_at: new Date(Date.now() - 1000) })
			.where('id', '=', result.session.id)
			.execute();
		expect(await validateSessionToken(db, result.token, 30)).toBeNull();
	});
});
