import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type PasswordVerifier } from '../../src/lib/server/auth/service';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { THROTTLE } from '../../src/lib/server/auth/rate-limit';
import { connectTestDb } from '../helpers/context';
import type { DB } from '../../src/lib/server/db';

let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb(8));
});
afterAll(() => close());

const base = { userAgent: 'vitest', sessionDays: 30 };
const PASSWORD = 'right-pass-1';

async function newUser(email: string) {
	await db
		.insertInto('users')
		.values({ email, name: 'Người Thử', password_hash: await hashPassword(PASSWORD) })
		.execute();
}

/** The real check, counting how many guesses reached it. */
function countingVerifier() {
	const counter = { calls: 0 };
	const verify: PasswordVerifier = (hash, password) => {
		counter.calls++;
		return verifyPassword(hash, password);
	};
	return { counter, verify };
}

const sessionsOf = async (email: string) =>
	(
		await db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			.select('sessions.id')
			.where('users.email', '=', email)
			.execute()
	).length;

describe('sign-in throttle under concurrent guesses', () => {
	it('verifies at most the limit of 60 simultaneous wrong guesses', async () => {
		const email = 'burst-wrong@demo.example';
		await newUser(email);
		const { counter, verify } = countingVerifier();
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				signIn(db, { ...base, login: email, password: `guess-${i}`, ip: `10.60.${i}.1` }, verify)
			)
		);
		expect(counter.calls).toBeLessThanOrEqual(THROTTLE.accountLimit);
		expect(results.filter((r) => r.ok)).toEqual([]);
		expect(results.filter((r) => !r.ok && r.reason === 'locked').length).toBeGreaterThanOrEqual(
			60 - THROTTLE.accountLimit
		);
	});

	it('never signs in 59 wrong guesses and the right password sent last at once', async () => {
		const email = 'burst-right@demo.example';
		await newUser(email);
		const { counter, verify } = countingVerifier();
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				signIn(
					db,
					{ ...base, login: email, password: i === 59 ? PASSWORD : `guess-${i}`, ip: '10.61.0.1' },
					verify
				)
			)
		);
		expect(results.some((r) => r.ok)).toBe(false);
		expect(counter.calls).toBeLessThanOrEqual(THROTTLE.accountLimit);
		expect(await sessionsOf(email)).toBe(0);
	});

	it('counts the attempts of one address on distinct accounts, not one shared allowance', async () => {
		const ip = '10.62.0.1';
		// Pupils of one school behind one address mistyping their own passwords: not locked.
		for (let i = 0; i < 3; i++) {
			const email = `pupil${i}-shared-ip@demo.example`;
			await newUser(email);
			for (let n = 0; n < THROTTLE.accountLimit - 1; n++)
				await signIn(db, { ...base, login: email, password: 'typo', ip });
			expect((await signIn(db, { ...base, login: email, password: PASSWORD, ip })).ok).toBe(true);
		}
	});
});

describe('trusted devices keep their own allowance', () => {
	it('lets a browser that signed in before in while the account is locked for everyone else', async () => {
		const email = 'dos-target@demo.example';
		await newUser(email);
		const first = await signIn(db, { ...base, login: email, password: PASSWORD, ip: '10.63.0.1' });
		if (!first.ok) throw new Error('first sign-in failed');
		for (let i = 0; i < THROTTLE.accountLimit + 2; i++)
			await signIn(db, { ...base, login: email, password: 'attacker', ip: `10.64.${i}.1` });
		const stranger = await signIn(db, {
			...base,
			login: email,
			password: PASSWORD,
			ip: '10.65.0.1'
		});
		expect(stranger).toMatchObject({ ok: false, reason: 'locked' });

		const owner = await signIn(db, {
			...base,
			login: email,
			password: PASSWORD,
			ip: '10.63.0.1',
			device: first.device
		});
		expect(owner.ok).toBe(true);
	});

	it("refuses a forged or another account's device cookie (an unknown browser)", async () => {
		const email = 'dos-forged@demo.example';
		const other = 'dos-other@demo.example';
		await newUser(email);
		await newUser(other);
		const otherSession = await signIn(db, {
			...base,
			login: other,
			password: PASSWORD,
			ip: '10.66.0.1'
		});
		if (!otherSession.ok) throw new Error('sign-in failed');
		for (let i = 0; i < THROTTLE.accountLimit; i++)
			await signIn(db, { ...base, login: email, password: 'attacker', ip: `10.67.${i}.1` });
		for (const device of [otherSession.device, `${'A'.repeat(22)}.${'B'.repeat(43)}`, 'junk']) {
			const res = await signIn(db, {
				...base,
				login: email,
				password: PASSWORD,
				ip: '10.66.0.1',
				device
			});
			expect(res).toMatchObject({ ok: false, reason: 'locked' });
		}
	});

	it('limits guesses from a trusted device too', async () => {
		const email = 'dos-device-limit@demo.example';
		await newUser(email);
		const first = await signIn(db, { ...base, login: email, password: PASSWORD, ip: '10.68.0.1' });
		if (!first.ok) throw new Error('sign-in failed');
		const { counter, verify } = countingVerifier();
		await Promise.all(
			Array.from({ length: 30 }, () =>
				signIn(
					db,
					{ ...base, login: email, password: 'x', ip: '10.68.0.1', device: first.device },
					verify
				)
			)
		);
		expect(counter.calls).toBeLessThanOrEqual(THROTTLE.deviceLimit);
	});
});
