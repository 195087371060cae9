/**
 * What the editor page shows: one class's grid of a draft (with locks, fixed periods and, for the
 * drag hints, the slots where each period's teacher is busy elsewhere or unavailable) and the
 * engine's check of a move in words.
 */
import type { Kysely } from 'kysely';
import * as m from '$lib/paraglide/messages';
import { slotText, violationText, type ViolationNames } from '$lib/i18n/timetable';
import { formatNumber, type Locale } from '$lib/format';
import { getLocale } from '$lib/paraglide/runtime';
import type { EditCheck } from '../../timetable/edit';
import type { Instance } from '../../timetable/format';
import type { Database } from '../db/schema';
import { parseLessonId } from './problem';
import { classKey, versionForEdit, type CellRow } from './editor';

type Db = Kysely<Database>;

async function classNames(db: Db, schoolId: number, instance: Instance) {
	const ids = instance.classes.map((c) => Number(c.id.slice(1))).filter((n) => n > 0);
	const rows = ids.length
		? await db
				.selectFrom('classes')
				.select(['id', 'name'])
				.where('school_id', '=', schoolId)
				.where('id', 'in', ids)
				.execute()
		: [];
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of a version's problem ids, with the school's class names. */
export async function namesForVersion(db: Db, schoolId: number, instance: Instance) {
	return namesOf(instance, await classNames(db, schoolId, instance));
}

/** Names of a version's problem ids in the reader's language. */
export function namesOf(instance: Instance, classes: Map<number, string>): ViolationNames {
	const teachers = new Map(instance.teachers.map((t) => [t.id, t.name]));
	const subjects = new Map(instance.subjects.map((s) => [s.id, s.name]));
	const lessons = new Map(instance.lessons.map((l) => [l.id, l]));
	const className = (id: string | undefined) => classes.get(Number(id?.slice(1))) ?? id ?? '';
	return {
		className,
		teacherName: (id) => (id && teachers.get(id)) ?? '',
		subjectName: (id) => {
			const ref = id ? parseLessonId(id) : null;
			if (ref?.kind === 'flag') return m.timetable_flag();
			if (ref?.kind === 'meeting') return m.timetable_meeting();
			const lesson = id ? lessons.get(id) : undefined;
			return (lesson && subjects.get(lesson.subject)) ?? '';
		},
		classOfLesson: (id) => className(lessons.get(id)?.class)
	};
}

/** The engine's check of a move, in words. */
export function describeCheck(check: EditCheck, names: ViolationNames) {
	const [first, second] = check.moved;
	const subject = names.subjectName(first.lesson);
	const from = slotText(...first.from);
	const to = slotText(...first.to);
	return {
		ok: check.ok,
		summary:
			check.kind === 'swap'
				? m.timetable_edit_swap({ subject, from, to, other: names.subjectName(second.lesson) })
				: m.timetable_edit_move({ subject, from, to }),
		violations: check.introduced.map((v) => violationText(v, names)),
		soft: m.timetable_edit_soft({
			before: formatNumber(check.softBefore, getLocale() as Locale, 2),
			after: formatNumber(check.softAfter, getLocale() as Locale, 2),
			gapsBefore: String(check.teacherGapsBefore),
			gapsAfter: String(check.teacherGapsAfter)
		})
	};
}

export type CheckView = ReturnType<typeof describeCheck>;

export interface EditorCell {
	slot: string;
	day: number;
	period: number;
	subjectName: string;
	teacherName: string;
	kind: CellRow['kind'];
	locked: boolean;
	fixed: boolean;
	/** slots (`d-p`) where this period's teacher teaches another class or is unavailable */
	busy: string[];
}

/** The editor's data for one class of a draft (null: not the school's version). */
export async function editorView(db: Db, schoolId: number, versionId: number, classId?: number) {
	const v = await versionForEdit(db, schoolId, versionId);
	if (!v) return null;
	const names = await classNames(db, schoolId, v.instance);
	const classes = [...names]
		.map(([id, name]) => ({ id, name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
	const selected = classes.find((c) => c.id === classId) ?? classes[0] ?? null;
	const text = namesOf(v.instance, names);
	const lessons = new Map(v.instance.lessons.map((l) => [l.id, l]));
	const teacherOf = (c: CellRow) => `T${c.staff_id}`;
	const busyOf = new Map<string, string[]>();
	for (const c of v.cells)
		if (c.class_id !== selected?.id) {
			const list = busyOf.get(teacherOf(c)) ?? [];
			list.push(`${c.day}-${c.period}`);
			busyOf.set(teacherOf(c), list);
		}
	for (const t of v.instance.teachers)
		busyOf.set(t.id, [...(busyOf.get(t.id) ?? []), ...t.unavailable.map(([d, p]) => `${d}-${p}`)]);
	const cells: EditorCell[] = v.cells
		.filter((c) => c.class_id === selected?.id)
		.map((c) => {
			const id = `L${c.class_id}-${c.subject_id}-${c.kind}`;
			const lesson = lessons.get(id);
			return {
				slot: `${c.day}-${c.period}`,
				day: c.day,
				period: c.period,
				subjectName: text.subjectName(id),
				teacherName: text.teacherName(teacherOf(c)),
				kind: c.kind,
				locked: c.locked,
				fixed: !!lesson?.fixedSlots.some(([d, p]) => d === c.day && p === c.period),
				busy: [...new Set(busyOf.get(teacherOf(c)) ?? [])]
			};
		})
		.sort((a, b) => a.day - b.day || a.period - b.period);
	return {
		version: { id: v.id, status: v.status, version: v.version, figures: v.figures },
		days: v.instance.days.length,
		periodsPerDay: v.instance.periodsPerDay,
		classes,
		selected,
		selectedKey: selected ? classKey(selected.id) : null,
		cells,
		names: text,
		instance: v.instance
	};
}
