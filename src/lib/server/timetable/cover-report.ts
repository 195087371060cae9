/**
 * Cover for absent teachers: the covers between two dates (the teacher's and the class's weeks)
 * and the monthly report per teacher. Relative imports: the seed uses this module.
 */
import type { Kysely } from 'kysely';
import { monthRange } from '../../timetable/cover';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export async function coversBetween(
	db: Db,
	filter: { staffIds?: number[]; classIds?: number[]; absentStaffIds?: number[] },
	from: string,
	to: string
) {
	const column = filter.staffIds
		? 'c.staff_id'
		: filter.classIds
			? 'c.class_id'
			: 'c.absent_staff_id';
	const ids = filter.staffIds ?? filter.classIds ?? filter.absentStaffIds ?? [];
	if (!ids.length) return [];
	return db
		.selectFrom('timetable_covers as c')
		.innerJoin('classes as cl', 'cl.id', 'c.class_id')
		.innerJoin('subjects as s', 's.id', 'c.subject_id')
		.leftJoin('staff as st', 'st.id', 'c.staff_id')
		.innerJoin('staff as ab', 'ab.id', 'c.absent_staff_id')
		.leftJoin('classes as mc', 'mc.id', 'c.merged_class_id')
		.select([
			'c.id',
			'c.day',
			'c.period',
			'c.kind',
			'c.class_id as classId',
			'cl.name as className',
			's.name_vi as subjectName',
			'c.staff_id as staffId',
			'st.full_name as staffName',
			'c.absent_staff_id as absentStaffId',
			'ab.full_name as absentName',
			'mc.name as mergedClassName'
		])
		.where(column, 'in', ids)
		.where('c.day', '>=', from)
		.where('c.day', '<=', to)
		.orderBy('c.day')
		.orderBy('c.period')
		.execute();
}

/**
 * Per teacher of the school in a month (`yyyy-mm`): periods covered for others (`given`), own
 * lessons covered (`covered`) and absences overlapping the month (`absences`).
 */
export async function coverReport(db: Db, schoolId: number, month: string) {
	const { from, to } = monthRange(month);
	const [rows, absences] = await Promise.all([
		db
			.selectFrom('timetable_covers')
			.select(['staff_id', 'absent_staff_id'])
			.where('school_id', '=', schoolId)
			.where('day', '>=', from)
			.where('day', '<=', to)
			.execute(),
		db
			.selectFrom('timetable_absences')
			.select('staff_id')
			.where('school_id', '=', schoolId)
			.where('starts_on', '<=', to)
			.where('ends_on', '>=', from)
			.execute()
	]);
	const count = (ids: number[]) => {
		const out = new Map<number, number>();
		for (const id of ids) out.set(id, (out.get(id) ?? 0) + 1);
		return out;
	};
	const given = count(rows.flatMap((r) => (r.staff_id === null ? [] : [r.staff_id])));
	const taken = count(rows.map((r) => r.absent_staff_id));
	const away = count(absences.map((r) => r.staff_id));
	const ids = [...new Set([...given.keys(), ...taken.keys(), ...away.keys()])];
	const staff = ids.length
		? await db
				.selectFrom('staff')
				.select(['id', 'code', 'full_name'])
				.where('id', 'in', ids)
				.where('school_id', '=', schoolId)
				.execute()
		: [];
	return staff
		.map((s) => ({
			staffId: s.id,
			code: s.code,
			name: s.full_name,
			given: given.get(s.id) ?? 0,
			covered: taken.get(s.id) ?? 0,
			absences: away.get(s.id) ?? 0
		}))
		.sort((a, b) => b.given - a.given || a.name.localeCompare(b.name, 'vi'));
}
