/**
 * The school's timetable problem, or a version with its periods, as a FET `.fet` file. FET shows
 * its names, so the portal's ids (C12, T34, S5) become the class, teacher and subject names (a
 * name used twice gets its id in brackets); lesson ids stay in each activity's comment.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Instance, Solution } from '../../timetable/format';
import { writeFet } from '../../timetable/fet-write';
import { versionForEdit } from './editor';
import { problemOfSchool } from './generate';

type Db = Kysely<Database>;

/** unique readable names for ids: the name, or `name (id)` when another id has it too */
function uniqueNames(entries: [id: string, name: string][]): Map<string, string> {
	const count = new Map<string, number>();
	for (const [, name] of entries) count.set(name, (count.get(name) ?? 0) + 1);
	return new Map(
		entries.map(([id, name]) => [id, name && count.get(name) === 1 ? name : `${name} (${id})`])
	);
}

/** the instance and solution with readable names in place of ids */
export function readableInstance(
	inst: Instance,
	classNames: ReadonlyMap<string, string>,
	solution: Solution | null = null
): { instance: Instance; solution: Solution | null } {
	const cls = uniqueNames(inst.classes.map((c) => [c.id, classNames.get(c.id) ?? c.id]));
	const teachers = uniqueNames(inst.teachers.map((t) => [t.id, t.name]));
	const subjects = uniqueNames(inst.subjects.map((s) => [s.id, s.name]));
	const rooms = uniqueNames((inst.rooms ?? []).map((r) => [r.id, r.name ?? r.id]));
	const instance: Instance = {
		...inst,
		subjects: inst.subjects.map((s) => ({ ...s, id: subjects.get(s.id)!, name: s.name })),
		classes: inst.classes.map((c) => ({ ...c, id: cls.get(c.id)! })),
		teachers: inst.teachers.map((t) => ({ ...t, id: teachers.get(t.id)! })),
		...(inst.rooms ? { rooms: inst.rooms.map((r) => ({ ...r, id: rooms.get(r.id)! })) } : {}),
		lessons: inst.lessons.map((l) => ({
			...l,
			class: cls.get(l.class) ?? l.class,
			teacher: teachers.get(l.teacher) ?? l.teacher,
			subject: subjects.get(l.subject) ?? l.subject
		}))
	};
	return { instance, solution };
}

/** file name characters that are safe everywhere */
export const fetFileName = (base: string) =>
	`${
		base
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/đ/g, 'd')
			.replace(/Đ/g, 'D')
			.replace(/[^A-Za-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 60) || 'thoi-khoa-bieu'
	}.fet`;

/** the problem the generator would solve now */
export async function schoolProblemFet(db: Db, schoolId: number): Promise<string> {
	const { input, built } = await problemOfSchool(db, schoolId);
	const names = new Map(input.classes.map((c) => [`C${c.id}`, c.name]));
	return writeFet(readableInstance(built.instance, names).instance);
}

/** a version's problem with its periods locked at their times; null when not the school's */
export async function versionFet(db: Db, schoolId: number, versionId: number) {
	const v = await versionForEdit(db, schoolId, versionId);
	if (!v) return null;
	const ids = v.instance.classes.map((c) => Number(c.id.slice(1))).filter((n) => n > 0);
	const rows = ids.length
		? await db
				.selectFrom('classes')
				.select(['id', 'name'])
				.where('school_id', '=', schoolId)
				.where('id', 'in', ids)
				.execute()
		: [];
	const names = new Map(rows.map((r) => [`C${r.id}`, r.name]));
	const { instance, solution } = readableInstance(v.instance, names, v.solution);
	return { status: v.status, text: writeFet(instance, solution) };
}
