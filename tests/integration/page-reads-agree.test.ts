import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParentHome } from '../../src/lib/server/parent/home';
import {
	childTimetable,
	classTimetables,
	teacherWeek,
	versionsInForce
} from '../../src/lib/server/timetable/views';
import { periodLabelsOfVersions, schoolBells } from '../../src/lib/server/timetable/bells';
import { periodLabels } from '../../src/lib/timetable/bells';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import type { DB } from '../../src/lib/server/db';

/**
 * The pages read less than they used to (issue 10: fewer queries per page); what they show must
 * not change. Each slimmer read is held equal to the full read it replaced, on the demo province.
 */
let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

describe('slimmer page reads agree with the full reads', () => {
	it("the parent's home counts the periods of each child's class grid and names the school", async () => {
		const parent = await principalOf(db, 'quangtrung.ph@demo.example');
		const home = await loadParentHome(db, parent);
		expect(home.length).toBeGreaterThan(0);
		const withClass = home.filter((c) => c.className);
		const grids = await Promise.all(withClass.map((c) => childTimetable(db, parent, c.id)));
		let seen = 0;
		for (const [i, child] of withClass.entries()) {
			const grid = grids[i]!.grid;
			if (!grid) {
				expect(child.timetable).toBeNull();
				continue;
			}
			seen++;
			expect(child.timetable).toEqual({
				effectiveFrom: grid.effectiveFrom,
				periods: grid.cells.length
			});
			expect(grid.cells.length).toBeGreaterThan(0);
			const full = (await classTimetables(db, [grids[i]!.child.class_id!])).get(
				grids[i]!.child.class_id!
			);
			expect(full?.cells).toEqual(grid.cells);
		}
		expect(seen).toBeGreaterThan(0);
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const school = await db
			.selectFrom('schools')
			.select(['id', 'name', 'address', 'phone', 'email'])
			.where('id', '=', qt)
			.executeTakeFirstOrThrow();
		expect(home.find((c) => c.school.id === qt)?.school).toEqual(school);
	});

	it("the teacher's week gives each version's clock times as the version's own read does", async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const week = await teacherWeek(db, teacher.userId);
		expect(week.cells.length).toBeGreaterThan(0);
		const used = [...new Set(week.cells.map((c) => c.versionId))];
		const expected = await periodLabelsOfVersions(db, used);
		for (const id of used) expect(week.periodTimes.get(id)).toEqual(expected.get(id));
		const staff = await db
			.selectFrom('staff')
			.select('id')
			.where('user_id', '=', teacher.userId)
			.where('active', '=', true)
			.execute();
		expect(week.staffIds.sort()).toEqual(staff.map((s) => s.id).sort());
		const qt = await schoolIdByName(db, QUANG_TRUNG);
		const v = (await versionsInForce(db, [qt])).get(qt)!;
		expect(week.periodTimes.get(v.id)).toEqual(
			periodLabels(await schoolBells(db, qt), v.periodsPerDay)
		);
	});
});
