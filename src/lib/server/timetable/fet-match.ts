/**
 * Matching a FET file's names to the school's rows (pure), shared by the import of the problem
 * (fet-import.ts) and of the placed timetable (fet-draft.ts): names compare without case, extra
 * spaces or Unicode form; a name two rows share matches neither (not safe to guess). Chào cờ and
 * Sinh hoạt lớp are periods of HĐTN (kinds `flag` and `meeting`).
 */
import type { TimetableCellKind } from '../db/schema';
import { HDTN_CODE, teacherId, type RosterInput } from './problem';

export const norm = (s: string) =>
	s.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');

const FLAG = new Set(['chào cờ', 'chaoco']);
const MEETING = new Set(['sinh hoạt lớp', 'shl']);

/** name → id, leaving out names two ids share */
export function index<T extends { id: number }>(rows: T[], keys: (r: T) => string[]) {
	const out = new Map<string, number | null>();
	for (const r of rows)
		for (const k of new Set(keys(r).map(norm)))
			out.set(k, out.has(k) && out.get(k) !== r.id ? null : r.id);
	return (name: string) => out.get(norm(name)) ?? undefined;
}

/**
 * Staff and classes by name, and by the name the portal's own export gives when two share one
 * (`Nguyễn Hồng Ngân (T42)`, `10A (C7)`: fet-export.ts), so a school re-imports its own file.
 */
export const staffIndex = (staff: RosterInput['staff']) =>
	index(staff, (s) => [s.name, `${s.name} (${teacherId(s.id)})`]);
export const classIndex = (classes: RosterInput['classes']) =>
	index(classes, (c) => [c.name, `${c.name} (C${c.id})`]);

/**
 * The school's subject (and the kind of period) of a FET subject, for a class of `grade`: by the
 * FET subject's name or its comment (the portal writes the subject's name there).
 */
export function subjectOf(
	input: Pick<RosterInput, 'subjects'>,
	grade: number,
	names: string[]
): { subjectId: number; kind: TimetableCellKind } | undefined {
	const ofGrade = input.subjects.filter((s) => s.grade === grade);
	const kind: TimetableCellKind = names.some((n) => FLAG.has(norm(n)))
		? 'flag'
		: names.some((n) => MEETING.has(norm(n)))
			? 'meeting'
			: 'lesson';
	if (kind !== 'lesson') {
		const hdtn = ofGrade.find((s) => s.code === HDTN_CODE);
		return hdtn ? { subjectId: hdtn.id, kind } : undefined;
	}
	const find = index(ofGrade, (s) => [s.name, s.code]);
	for (const n of names) {
		const subjectId = n ? find(n) : undefined;
		if (subjectId !== undefined) return { subjectId, kind };
	}
	return undefined;
}
