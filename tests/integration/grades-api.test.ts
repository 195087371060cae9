import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { checkGate } from '../../src/lib/server/auth/guards';
import { studentWhere } from '../../src/lib/server/auth/access/classes';
import { buildOpenApi } from '../../src/lib/server/api/openapi';
import {
	gradebookAnswerSchema,
	gradebookQuerySchema,
	studentResultsSchema
} from '../../src/lib/server/api/paths/grades';
import {
	apiGradebook,
	apiSaveGradebook,
	apiStudentResults,
	type ApiAnswer,
	type GradebookQuery
} from '../../src/lib/server/grades/api';
import type { GradesActor, TokenActor } from '../../src/lib/server/grades/caller';
import { loadCheckpoints, saveCheckpoint } from '../../src/lib/server/grades/checkpoints';
import { createSchoolToken, validateApiToken } from '../../src/lib/server/usage/tokens';
import { todayIso } from '../../src/lib/dates';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';
import { outsiderOf, scoredGradebooks, type GradebookPick } from '../helpers/grades';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The grades API through its services on the demo data: token purposes kept apart, every
 * caller's scope (404 outside it), PUT all or nothing through the page's `saveCells` (400 every
 * bad cell, 409 stale versions, 423 locked) and hostile bodies. Gradebooks from two thirds down
 * the list: the other grades tests write the first, the middle and the last ones.
 */
let db: DB;
let close: () => Promise<void>;
let picks: GradebookPick[];
let qt: number;
let ntt: number;
let admin: Principal;
let qtToken: TokenActor;
let nttToken: TokenActor;
const ADMIN = 'quangtrung.admin@demo.example';
const PARENT = 'quangtrung.ph@demo.example';

async function gradesToken(schoolId: number, adminEmail: string): Promise<TokenActor> {
	const creator = await principalOf(db, adminEmail);
	const { token } = await createSchoolToken(db, creator, schoolId, {
		name: 'sổ điểm ngoài',
		platformId: 0,
		purpose: 'grades'
	});
	const scope = (await validateApiToken(db, token))!;
	return {
		token: { tokenId: scope.tokenId, schoolId: scope.schoolId!, createdBy: scope.createdBy! },
		requestId: `grades-api-${scope.tokenId}`
	};
}

beforeAll(async () => {
	({ db, close } = connectTestDb());
	picks = await scoredGradebooks(db, QUANG_TRUNG);
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
	admin = await principalOf(db, ADMIN);
	qtToken = await gradesToken(qt, ADMIN);
	const nttAdmin = await db
		.selectFrom('role_assignments as r')
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select('u.email')
		.where('r.role', '=', 'school_admin')
		.where('r.school_id', '=', ntt)
		.executeTakeFirstOrThrow();
	nttToken = await gradesToken(ntt, nttAdmin.email!);
});
afterAll(() => close());

const pick = (i: number) => picks[Math.floor((picks.length * 2) / 3) + i];
const person = (principal: Principal): GradesActor => ({ principal, requestId: 'grades-api' });
const queryOf = (g: GradebookPick, subject?: string): GradebookQuery => ({
	subject: subject ?? String(g.subjectId),
	semester: '2'
});

async function status(run: () => Promise<unknown>): Promise<number> {
	try {
		const answer = await run();
		return (answer as ApiAnswer | undefined)?.status ?? 200;
	} catch (err) {
		if (isHttpError(err)) return err.status;
		throw err;
	}
}

async function firstPupils(g: GradebookPick, n = 3) {
	const book = await apiGradebook(db, qtToken, g.classId, queryOf(g));
	return book.pupils.slice(0, n).map((p) => p.id);
}

const cell = (studentId: number, column: string, value: number | null, version = 0) => ({
	studentId,
	column,
	value,
	state: 'value' as const,
	version
});

describe('grades API tokens', () => {
	it('carry their purpose, and the gate keeps the purposes apart (404, never data)', async () => {
		const scope = (await validateApiToken(db, (await createToken('usage')).token))!;
		expect(scope.purpose).toBe('usage');
		const grades = { ...scope, purpose: 'grades' as const };
		const book = '/api/v1/classes/5/gradebook';
		const results = '/api/v1/students/5/results';
		expect(checkGate(book, null, scope)).toBe('forbidden');
		expect(checkGate(results, null, scope)).toBe('forbidden');
		expect(checkGate('/api/v1/usage-events', null, grades)).toBe('forbidden');
		expect(checkGate(book, null, grades)).toBe('allow');
		expect(checkGate('/api/v1/usage-events', null, scope)).toBe('allow');
		expect(checkGate(book, null, null)).toBe('unauthenticated');
		expect(checkGate(book, admin, null)).toBe('allow');
		// a usage token with a session still gets nothing from the grades API
		expect(checkGate(book, admin, scope)).toBe('forbidden');
		// a grades token is nothing on the rest of the API
		expect(checkGate('/api/v1/schools', null, grades)).toBe('unauthenticated');
	});

	it('belong to one school and no platform', async () => {
		const platform = await db.selectFrom('platforms').select('id').executeTakeFirstOrThrow();
		await expect(createToken('grades', platform.id)).rejects.toMatchObject({
			code: 'usage_token_grades_no_platform',
			field: 'platformId'
		});
		const department = await db.selectFrom('departments').select('id').executeTakeFirstOrThrow();
		await expect(
			db
				.insertInto('usage_api_tokens')
				.values({
					name: 'x',
					token_hash: `h-${Date.now()}`,
					token_prefix: 'trs_x',
					department_id: department.id,
					platform_id: platform.id,
					purpose: 'grades',
					created_by: admin.userId
				})
				.execute()
		).rejects.toThrow();
	});
});

function createToken(purpose: 'usage' | 'grades', platformId = 0) {
	return createSchoolToken(db, admin, qt, { name: `t ${purpose}`, platformId, purpose });
}

describe('GET /classes/{id}/gradebook', () => {
	it('answers a grades token of the school in the documented shape, by subject code or id', async () => {
		const g = pick(0);
		const subject = await db
			.selectFrom('subjects')
			.select('code')
			.where('id', '=', g.subjectId)
			.executeTakeFirstOrThrow();
		const byId = await apiGradebook(db, qtToken, g.classId, queryOf(g));
		expect(() => gradebookAnswerSchema.strict().parse(byId)).not.toThrow();
		expect(byId.canEnter).toBe(true);
		expect(byId.semester).toBe(2);
		expect(byId.columns.at(-1)).toBe('ck');
		expect(byId.pupils.length).toBeGreaterThan(10);
		const byCode = await apiGradebook(db, qtToken, g.classId, queryOf(g, subject.code));
		expect(byCode).toEqual(byId);
		const lower = await apiGradebook(
			db,
			qtToken,
			g.classId,
			queryOf(g, subject.code.toLowerCase())
		);
		expect(lower.subject.id).toBe(g.subjectId);
	});

	it('answers 404 across schools, for an unknown subject and for callers without the page’s rights', async () => {
		const g = pick(0);
		expect(await status(() => apiGradebook(db, nttToken, g.classId, queryOf(g)))).toBe(404);
		expect(await status(() => apiGradebook(db, qtToken, g.classId, queryOf(g, 'KHONGCO')))).toBe(
			404
		);
		expect(
			await status(() => apiGradebook(db, qtToken, g.classId, queryOf(g, '99999999999')))
		).toBe(404);
		const parent = await principalOf(db, PARENT);
		const outsider = await principalOf(db, await outsiderOf(db, g.classId));
		for (const p of [parent, outsider])
			expect(await status(() => apiGradebook(db, person(p), g.classId, queryOf(g)))).toBe(404);
		for (const email of [g.teacherEmail, g.homeroomEmail, ADMIN]) {
			const p = await principalOf(db, email);
			expect(await status(() => apiGradebook(db, person(p), g.classId, queryOf(g)))).toBe(200);
		}
	});

	it('refuses hostile query values (400 before any query)', () => {
		for (const subject of ['TOAN\u0000', 'x'.repeat(100_000), '', '1; drop table', 'ТОАН'])
			expect(gradebookQuerySchema.safeParse({ subject, semester: '1' }).success).toBe(false);
		for (const semester of ['0', '3', '1e309', '-1', ''])
			expect(gradebookQuerySchema.safeParse({ subject: 'TOAN', semester }).success).toBe(false);
	});
});

describe('PUT /classes/{id}/gradebook', () => {
	it('saves through saveCells as the token, audited with the token and its creator', async () => {
		const g = pick(1);
		const [a, b] = await firstPupils(g);
		await inRolledBackTransaction(db, async (trx) => {
			const answer = await apiSaveGradebook(trx, qtToken, g.classId, queryOf(g), {
				cells: [
					cell(a, 'tx1', 7.5),
					cell(b, 'tx1', 9),
					{ ...cell(b, 'gk', null), state: 'absent_makeup' }
				]
			});
			expect(answer).toEqual({ status: 200, body: { saved: 3 } });
			const book = await apiGradebook(trx, qtToken, g.classId, queryOf(g));
			expect(book.cells.filter((c) => c.studentId === a || c.studentId === b)).toEqual(
				expect.arrayContaining([
					{ studentId: a, column: 'tx1', value: 7.5, state: 'value', version: 1 },
					{ studentId: b, column: 'gk', value: null, state: 'absent_makeup', version: 1 }
				])
			);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['actor_user_id', 'after', 'action'])
				.where('request_id', '=', qtToken.requestId!)
				.execute();
			expect(audit).toHaveLength(3);
			expect(audit[0].action).toBe('grades.score.save');
			expect(audit[0].actor_user_id).toBe(admin.userId);
			expect(audit[0].after).toMatchObject({ apiTokenId: qtToken.token.tokenId });
		});
	});

	it('lets the subject teacher save, and nobody else without a token (the page’s rights)', async () => {
		const g = pick(2);
		const [a] = await firstPupils(g);
		await inRolledBackTransaction(db, async (trx) => {
			const teacher = person(await principalOf(trx, g.teacherEmail));
			const body = { cells: [cell(a, 'tx2', 6)] };
			expect(await apiSaveGradebook(trx, teacher, g.classId, queryOf(g), body)).toMatchObject({
				status: 200
			});
			for (const email of [g.homeroomEmail, ADMIN, PARENT, await outsiderOf(trx, g.classId)]) {
				const p = person(await principalOf(trx, email));
				expect(
					await status(() => apiSaveGradebook(trx, p, g.classId, queryOf(g), { cells: [] }))
				).toBe(404);
			}
			// another school's token learns nothing, not even that the body is bad
			expect(await status(() => apiSaveGradebook(trx, nttToken, g.classId, queryOf(g), 'x'))).toBe(
				404
			);
		});
	});

	it('saves nothing and lists every bad cell (400 invalid_cells)', async () => {
		const g = pick(3);
		const [a, b, c] = await firstPupils(g);
		const stranger = await db
			.selectFrom('students')
			.select('id')
			.where('class_id', '<>', g.classId)
			.executeTakeFirstOrThrow();
		const answer = await apiSaveGradebook(db, qtToken, g.classId, queryOf(g), {
			cells: [
				cell(a, 'tx1', 8),
				cell(a, 'tx2', 11),
				cell(b, 'tx1', 8.25),
				cell(c, 'tx9', 5),
				cell(c, 'tx1\u0000', 5),
				cell(a, 'tx1', 8),
				cell(stranger.id, 'tx1', 5)
			]
		});
		expect(answer.status).toBe(400);
		const body = answer.body as { error: string; cells: Array<{ index: number; code: string }> };
		expect(body.error).toBe('invalid_cells');
		expect(body.cells).toEqual(
			expect.arrayContaining([
				{ index: 1, studentId: a, column: 'tx2', code: 'grades_v_out_of_range' },
				{ index: 2, studentId: b, column: 'tx1', code: 'grades_v_too_many_decimals' },
				{ index: 3, studentId: c, column: 'tx9', code: 'grades_v_not_in_plan' },
				expect.objectContaining({ studentId: c, code: 'grades_v_not_in_plan' }),
				expect.objectContaining({ studentId: a, column: 'tx1', code: 'v_duplicate' }),
				{ index: 6, studentId: stranger.id, column: 'tx1', code: 'grades_pupil_not_in_class' }
			])
		);
		expect(body.cells).toHaveLength(6);
		const book = await apiGradebook(db, qtToken, g.classId, queryOf(g));
		expect(book.cells.filter((x) => [a, b, c].includes(x.studentId))).toEqual([]);
	});

	it('answers 409 with the stored cells on a stale version, saving nothing', async () => {
		const g = pick(4);
		const [a, b] = await firstPupils(g);
		await inRolledBackTransaction(db, async (trx) => {
			await apiSaveGradebook(trx, qtToken, g.classId, queryOf(g), { cells: [cell(a, 'tx1', 6)] });
			const answer = await apiSaveGradebook(trx, qtToken, g.classId, queryOf(g), {
				cells: [cell(b, 'tx1', 9), cell(a, 'tx1', 7)]
			});
			expect(answer).toEqual({
				status: 409,
				body: {
					error: 'conflict',
					cells: [{ studentId: a, column: 'tx1', value: 6, state: 'value', version: 1 }]
				}
			});
			const book = await apiGradebook(trx, qtToken, g.classId, queryOf(g));
			expect(book.cells.find((x) => x.studentId === b)).toBeUndefined();
		});
	});

	it('answers 423 when the checkpoint is locked', async () => {
		const g = pick(5);
		const [a] = await firstPupils(g);
		await inRolledBackTransaction(db, async (trx) => {
			const { checkpoints } = await loadCheckpoints(trx, qt);
			const year = checkpoints.find((c) => c.checkpoint === 'year')!;
			await saveCheckpoint(trx, { principal: admin, requestId: 'grades-api' }, qt, {
				checkpoint: 'year',
				opensOn: null,
				closesOn: null,
				locksOn: todayIso(),
				version: year.version
			});
			const answer = await apiSaveGradebook(trx, qtToken, g.classId, queryOf(g), {
				cells: [cell(a, 'ck', 8)]
			});
			expect(answer).toEqual({
				status: 423,
				body: { error: 'grades_locked', studentId: a, column: 'ck', checkpoint: 'year' }
			});
		});
	});

	it('refuses hostile bodies with a clear 4xx, never a 500', async () => {
		const g = pick(6);
		const [a] = await firstPupils(g);
		const put = (body: unknown) => apiSaveGradebook(db, qtToken, g.classId, queryOf(g), body);
		expect(await put(null)).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
		expect(await put([1, 2])).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
		expect(await put({ cells: 'x'.repeat(100_000) })).toMatchObject({ status: 400 });
		const many = Array.from({ length: 10_000 }, (_, i) => cell(a + i, 'tx1', 5));
		expect(await put({ cells: many })).toMatchObject({
			status: 400,
			body: { error: 'too_many_cells' }
		});
		const hostile = await put({
			cells: [
				cell(a, 'x'.repeat(100_000), 5),
				cell(1e20, 'tx1', 5),
				cell(a, 'tx1', 5, 2 ** 60),
				{ ...cell(a, 'tx2', 5), state: 'value\u0000' },
				{ ...cell(a, 'tx3', 5), extra: 1 },
				{ ...cell(a, 'tx4', 5), value: '5' }
			]
		});
		expect(hostile.status).toBe(400);
		expect((hostile.body as { cells: unknown[] }).cells).toHaveLength(6);
		const huge = await put({ cells: [cell(a, 'tx1', 1e308), cell(a, 'gk', -1e308)] });
		expect(huge).toMatchObject({ status: 400, body: { error: 'invalid_cells' } });
		expect((huge.body as { cells: unknown[] }).cells).toHaveLength(2);
	});

	it('lets one of two concurrent identical PUTs win; the other gets 409', async () => {
		const g = pick(7);
		const [a] = await firstPupils(g, 1);
		// committed for real (two transactions race): start from whatever an earlier run left
		const before = await apiGradebook(db, qtToken, g.classId, queryOf(g));
		const version = before.cells.find((c) => c.studentId === a && c.column === 'tx1')?.version ?? 0;
		const value = version % 2 ? 8 : 6.5;
		const body = { cells: [cell(a, 'tx1', value, version)] };
		const answers = await Promise.all([
			apiSaveGradebook(db, qtToken, g.classId, queryOf(g), body),
			apiSaveGradebook(db, qtToken, g.classId, queryOf(g), body)
		]);
		expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
		const lost = answers.find((x) => x.status === 409)!.body as { cells: unknown[] };
		expect(lost.cells).toEqual([
			{ studentId: a, column: 'tx1', value, state: 'value', version: version + 1 }
		]);
	});
});

describe('GET /students/{id}/results', () => {
	async function pupils() {
		const parent = await principalOf(db, PARENT);
		const own = await db
			.selectFrom('students as st')
			.select(['st.id', 'st.class_id'])
			.where(studentWhere(parent, 'student.family', 'st'))
			.where('st.school_id', '=', qt)
			.orderBy('st.id')
			.executeTakeFirstOrThrow();
		const other = await db
			.selectFrom('students as st')
			.select('st.id')
			.where('st.school_id', '=', qt)
			.where('st.class_id', '=', own.class_id!)
			.where('st.id', '<>', own.id)
			.executeTakeFirstOrThrow();
		const homeroom = await db
			.selectFrom('classes as c')
			.innerJoin('staff as h', 'h.id', 'c.homeroom_staff_id')
			.innerJoin('users as u', 'u.id', 'h.user_id')
			.select('u.email')
			.where('c.id', '=', own.class_id!)
			.executeTakeFirstOrThrow();
		return { parent, own: own.id, other: other.id, homeroom: homeroom.email! };
	}

	it('shows a parent only their own child and only what is published', async () => {
		const { parent, own, other } = await pupils();
		const mine = await apiStudentResults(db, person(parent), own);
		expect(() => studentResultsSchema.strict().parse(mine)).not.toThrow();
		expect(mine.view).toBe('published');
		for (const s of mine.subjects)
			for (const sem of s.semesters) if (sem.view === 'none') expect(sem.cells).toEqual({});
		expect(await status(() => apiStudentResults(db, person(parent), other))).toBe(404);
		expect(await status(() => apiStudentResults(db, person(parent), 2_147_483_647))).toBe(404);
	});

	it('shows the homeroom teacher, the school admin and the school’s token everything stored', async () => {
		const { own, homeroom } = await pupils();
		for (const actor of [
			person(await principalOf(db, homeroom)),
			person(admin),
			qtToken as GradesActor
		]) {
			const all = await apiStudentResults(db, actor, own);
			expect(all.view).toBe('all');
			expect(all.subjects.length).toBeGreaterThan(3);
		}
		expect(await status(() => apiStudentResults(db, nttToken, own))).toBe(404);
	});

	it('answers 404 to a subject teacher of the class who is not its homeroom teacher', async () => {
		const { own } = await pupils();
		const cls = await db
			.selectFrom('students')
			.select('class_id')
			.where('id', '=', own)
			.executeTakeFirstOrThrow();
		const teacher = await db
			.selectFrom('teaching_assignments as ta')
			.innerJoin('classes as c', 'c.id', 'ta.class_id')
			.innerJoin('staff as t', 't.id', 'ta.staff_id')
			.innerJoin('users as u', 'u.id', 't.user_id')
			.select('u.email')
			.where('ta.class_id', '=', cls.class_id!)
			.whereRef('t.id', '<>', 'c.homeroom_staff_id')
			.where('u.email', '<>', ADMIN)
			.executeTakeFirstOrThrow();
		const p = await principalOf(db, teacher.email!);
		if (p.roles.some((r) => r.role === 'school_admin')) return;
		expect(await status(() => apiStudentResults(db, person(p), own))).toBe(404);
	});
});

describe('the OpenAPI document', () => {
	it('documents both grades endpoints with their schemas', () => {
		const doc = buildOpenApi();
		const book = doc.paths['/classes/{classId}/gradebook'];
		expect(Object.keys(book).sort()).toEqual(['get', 'put']);
		expect(JSON.stringify(book.put)).toContain('invalid_cells');
		expect(doc.paths['/students/{id}/results']).toHaveProperty('get');
	});
});
