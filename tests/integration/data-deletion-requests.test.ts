import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askDeletionSchema, handleDeletionSchema } from '../../src/lib/schemas/deletion';
import {
	askDeletion,
	handleDeletion,
	ownDeletionRequests,
	schoolDeletionRequests
} from '../../src/lib/server/accounts/deletion';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { connectTestDb, principalOf } from '../helpers/context';
import { createTestSchool } from '../helpers/rollout';

/**
 * Data deletion requests (issue 13, privacy): a user asks every school that holds their data once
 * (a second or concurrent ask adds nothing), the school's admin records the outcome (stale version
 * 409, another school's admin 404, a handled one refused), each step audited. Own schools only.
 */
let db: DB;
let close: () => Promise<void>;
type School = Awaited<ReturnType<typeof createTestSchool>>;
let a: School, b: School;
let teacher: Principal;
const actor = (principal: Principal) => ({ principal, requestId: 'deletion-test' });
const ask = (reason: string) => askDeletionSchema.parse({ confirm: 'on', reason });

beforeAll(async () => {
	({ db, close } = connectTestDb(3));
	a = await createTestSchool(db);
	b = await createTestSchool(db);
	// a teacher of school A who is also a guardian at school B
	const email = `del.${a.schoolId}.${Date.now()}@test.example`;
	const user = await db
		.insertInto('users')
		.values({ email, name: 'Vũ Thị Hoa' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('staff')
		.values({ school_id: a.schoolId, code: 'DEL1', full_name: 'Vũ Thị Hoa', user_id: user.id })
		.execute();
	await db
		.insertInto('role_assignments')
		.values({ user_id: user.id, role: 'teacher', school_id: a.schoolId })
		.execute();
	await db
		.insertInto('guardians')
		.values({ school_id: b.schoolId, full_name: 'Vũ Thị Hoa', user_id: user.id })
		.execute();
	teacher = await principalOf(db, email);
});
afterAll(() => close());

const audits = (action: string, userId: number) =>
	db
		.selectFrom('audit_log')
		.select(['entity_id', 'school_id'])
		.where('action', '=', action)
		.where('actor_user_id', '=', userId)
		.execute();

describe('data deletion requests', () => {
	it('asks every school that holds the data once, even twice at once', async () => {
		const results = await Promise.all([
			askDeletion(db, actor(teacher), ask('Tôi chuyển công tác')),
			askDeletion(db, actor(teacher), ask('Tôi chuyển công tác'))
		]);
		expect(results.reduce((x, y) => x + y, 0)).toBe(2);
		expect(await askDeletion(db, actor(teacher), ask(''))).toBe(0);
		const own = await ownDeletionRequests(db, teacher.userId);
		expect(own.map((r) => r.status)).toEqual(['pending', 'pending']);
		expect((await audits('account.deletion_request', teacher.userId)).length).toBe(2);
		const atA = await schoolDeletionRequests(db, a.schoolId);
		expect(atA).toHaveLength(1);
		expect(atA[0]).toMatchObject({ user_name: 'Vũ Thị Hoa', reason: 'Tôi chuyển công tác' });
	});

	it('the school admin records the outcome once; stale, handled and other schools are refused', async () => {
		const [row] = await schoolDeletionRequests(db, a.schoolId);
		const input = handleDeletionSchema.parse({
			request: row.id,
			version: row.version,
			status: 'refused',
			outcome: 'Hồ sơ cán bộ phải lưu theo quy định.'
		});
		await expect(handleDeletion(db, actor(b.admin), b.schoolId, input)).rejects.toMatchObject({
			status: 404
		});
		await expect(
			handleDeletion(db, actor(a.admin), a.schoolId, { ...input, version: row.version + 1 })
		).rejects.toThrow(/changed by someone else/);
		await handleDeletion(db, actor(a.admin), a.schoolId, input);
		await expect(
			handleDeletion(db, actor(a.admin), a.schoolId, { ...input, version: row.version + 1 })
		).rejects.toMatchObject({ code: 'deletion_not_pending' });
		const own = await ownDeletionRequests(db, teacher.userId);
		expect(own.find((r) => r.id === row.id)).toMatchObject({
			status: 'refused',
			outcome: 'Hồ sơ cán bộ phải lưu theo quy định.'
		});
		expect(await audits('account.deletion_handled', a.admin.userId)).toEqual([
			{ entity_id: String(row.id), school_id: a.schoolId }
		]);
		// a new request may be opened again after the answer
		expect(await askDeletion(db, actor(teacher), ask(''))).toBe(1);
	});

	it('refuses a user without a school and hostile inputs', async () => {
		const email = `nobody.${Date.now()}@test.example`;
		await db.insertInto('users').values({ email, name: 'Không trường' }).execute();
		const nobody = await principalOf(db, email);
		await expect(askDeletion(db, actor(nobody), ask(''))).rejects.toMatchObject({
			code: 'deletion_no_school'
		});
		for (const raw of [
			{},
			{ confirm: 'yes' },
			{ confirm: 'on', reason: 'a\u0000b' },
			{ confirm: 'on', reason: 'x'.repeat(100_000) }
		])
			expect(askDeletionSchema.safeParse(raw).success).toBe(false);
		for (const raw of [
			{ request: '1', version: '1', status: 'done', outcome: '' },
			{ request: '9223372036854775808', version: '1', status: 'done', outcome: 'x' },
			{ request: '1', version: '1', status: 'deleted', outcome: 'x' },
			{ request: '1', version: '1e309', status: 'done', outcome: 'x' }
		])
			expect(handleDeletionSchema.safeParse(raw).success).toBe(false);
	});
});
