import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { buildOpenApi } from '../../src/lib/server/api/openapi';
import {
	timetableAnswerSchema,
	timetableQuerySchema
} from '../../src/lib/server/api/paths/timetable';
import { classWhere } from '../../src/lib/server/auth/access/classes';
import { apiTimetable, type TimetableQuery } from '../../src/lib/server/timetable/api';
import { todayIso, weekStart } from '../../src/lib/dates';
import {
	connectTestDb,
	NGUYEN_TAT_THANH,
	principalOf,
	QUANG_TRUNG,
	schoolIdByName
} from '../helpers/context';

/**
 * `GET /api/v1/schools/{id}/timetable` through its service on the demo data: the published
 * version in force with the seeded covers, each caller's scope (a parent only a child's class,
 * another school's admin and an official nothing: 404) and the query's bad values (400).
 */
let db: DB;
let close: () => Promise<void>;
let qt: number;
let ntt: number;
let childClass: number;
let otherClass: number;
const as = (email: string) => principalOf(db, `${email}@demo.example`);

beforeAll(async () => {
	({ db, close } = connectTestDb());
	qt = await schoolIdByName(db, QUANG_TRUNG);
	ntt = await schoolIdByName(db, NGUYEN_TAT_THANH);
	const parent = await as('quangtrung.ph');
	const own = await db
		.selectFrom('classes')
		.select('id')
		.where('school_id', '=', qt)
		.where(classWhere(parent, 'student.family'))
		.orderBy('id')
		.execute();
	childClass = own[0].id;
	const other = await db
		.selectFrom('classes')
		.select('id')
		.where('school_id', '=', qt)
		.where(
			'id',
			'not in',
			own.map((c) => c.id)
		)
		.executeTakeFirstOrThrow();
	otherClass = other.id;
});
afterAll(() => close());

async function status(p: Principal, school: number, q: TimetableQuery = {}) {
	try {
		await apiTimetable(db, p, school, q);
		return 200;
	} catch (err) {
		if (isHttpError(err)) return err.status;
		throw err;
	}
}

describe('timetable API', () => {
	it("answers the school's published week in the documented shape", async () => {
		const body = await apiTimetable(db, await as('quangtrung.admin'), qt, {});
		expect(() => timetableAnswerSchema.strict().parse(body)).not.toThrow();
		expect(body.version).not.toBeNull();
		expect(body.week.from).toBe(weekStart(todayIso()));
		expect(body.lessons.length).toBeGreaterThan(100);
		expect(new Set(body.lessons.map((l) => l.classId)).size).toBeGreaterThan(3);
		const first = body.lessons[0];
		expect(first.date).toBe(body.week.from);
		expect(first.className).toMatch(/^\d/);
	});

	it('filters by class and by teacher', async () => {
		const teacher = await as('quangtrung.gv');
		const cls = await apiTimetable(db, teacher, qt, { class: childClass });
		expect(cls.lessons.length).toBeGreaterThan(20);
		expect(cls.lessons.every((l) => l.classId === childClass)).toBe(true);
		const staffId = cls.lessons[0].staffId;
		const mine = await apiTimetable(db, teacher, qt, { teacher: staffId });
		expect(mine.lessons.length).toBeGreaterThan(0);
		expect(
			mine.lessons.every((l) => l.staffId === staffId || l.cover?.substituteId === staffId)
		).toBe(true);
	});

	it('applies the seeded covers: on the class, the absent teacher and the substitute', async () => {
		const cover = await db
			.selectFrom('timetable_covers')
			.select(['day', 'period', 'class_id', 'staff_id', 'absent_staff_id'])
			.where('school_id', '=', qt)
			.where('kind', '=', 'substitute')
			.orderBy('day')
			.executeTakeFirstOrThrow();
		const admin = await as('quangtrung.admin');
		const week = cover.day;
		const match = (l: { date: string; period: number; classId: number }) =>
			l.date === cover.day && l.period === cover.period && l.classId === cover.class_id;
		const cls = await apiTimetable(db, admin, qt, { class: cover.class_id, week });
		expect(cls.lessons.find(match)?.cover).toMatchObject({
			kind: 'substitute',
			substituteId: cover.staff_id,
			absentStaffId: cover.absent_staff_id
		});
		const sub = await apiTimetable(db, admin, qt, { teacher: cover.staff_id!, week });
		expect(sub.lessons.find(match)?.cover?.substituteId).toBe(cover.staff_id);
		const absent = await apiTimetable(db, admin, qt, { teacher: cover.absent_staff_id, week });
		expect(absent.lessons.find(match)?.staffId).toBe(cover.absent_staff_id);
	});

	it("gives a parent their child's class only; other schools and officials get 404", async () => {
		const parent = await as('quangtrung.ph');
		const body = await apiTimetable(db, parent, qt, { class: childClass });
		expect(body.lessons.length).toBeGreaterThan(0);
		expect(await status(parent, qt)).toBe(404);
		expect(await status(parent, qt, { class: otherClass })).toBe(404);
		expect(await status(parent, qt, { teacher: body.lessons[0].staffId })).toBe(404);
		expect(await status(parent, ntt)).toBe(404);
		const nttAdmin = await as('nguyentatthanh.admin');
		expect(await status(nttAdmin, qt)).toBe(404);
		expect(await status(nttAdmin, qt, { class: childClass })).toBe(404);
		// a class of another school named under one's own
		expect(await status(nttAdmin, ntt, { class: childClass })).toBe(404);
		expect(await status(nttAdmin, ntt, { teacher: body.lessons[0].staffId })).toBe(404);
		expect(await status(await as('so'), qt)).toBe(404);
		expect(await status(nttAdmin, 2_147_483_647)).toBe(404);
	});

	it('answers an empty week before any version is in force', async () => {
		const body = await apiTimetable(db, await as('quangtrung.admin'), qt, { week: '1990-01-03' });
		expect(body).toMatchObject({ version: null, lessons: [], week: { from: '1990-01-01' } });
	});

	it('refuses bad query values (400 on the endpoint)', () => {
		const bad = [
			{ class: 'abc' },
			{ class: '0' },
			{ class: '-3' },
			{ class: '99999999999999999999' },
			{ teacher: '1.5' },
			{ week: '2026-02-30' },
			{ week: '06/12/2026' },
			{ week: `2026-12-01\u0000` },
			{ week: 'x'.repeat(100_000) },
			{ class: '1', teacher: '2' }
		];
		for (const q of bad)
			expect(timetableQuerySchema.safeParse(q).success, JSON.stringify(q).slice(0, 60)).toBe(false);
		expect(timetableQuerySchema.parse({ class: '12', week: '2026-12-02' })).toEqual({
			class: 12,
			week: '2026-12-02'
		});
	});

	it('is in the OpenAPI document with its query parameters', () => {
		const op = buildOpenApi().paths['/schools/{id}/timetable']?.get as {
			parameters: { name: string }[];
		};
		expect(op.parameters.map((p) => p.name)).toEqual(['id', 'class', 'teacher', 'week']);
	});
});
