/**
 * Importing a FET `.fet` file into the school's timetable problem. The preview reads the file
 * (errors with line and element) and matches its teachers, classes and subjects to the school's
 * by name; what can be saved is each matched teacher's not-available times and each matched
 * class's weekly periods per subject (Chào cờ and Sinh hoạt lớp count in HĐTN). Saving re-checks
 * every id against the school and writes everything in one transaction, or nothing. A file with
 * a placed timetable can instead be imported as a new draft version with those changes
 * (fet-draft.ts): the preview lists what does not map and the hard rules it breaks first.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { readFet, type FetError } from '../../timetable/fet-read';
import type { Instance } from '../../timetable/format';
import { checkRoomCount } from './fet-apply';
import { planFetDraft, withChanges, type FetDraftPlan } from './fet-draft';
import { classIndex, index, norm, staffIndex, subjectOf } from './fet-match';
import { ROOM_TYPES, type RoomType } from '../../timetable/rooms';
import { periodsPerDay, type RosterInput, type SlotPair } from './problem';
import { rosterInput } from './queries';

type Db = Kysely<Database>;

export interface FetChanges {
	unavailable: { staffId: number; slots: SlotPair[] }[];
	requirements: { classId: number; subjectId: number; periodsPerWeek: number }[];
	/** rooms of the file the school has not got (by name) */
	rooms: { name: string; type: RoomType; capacity: number | null }[];
	/** the room type of each taught subject the file gives preferred rooms (when it changes) */
	roomNeeds: { subjectId: number; roomType: RoomType }[];
}

export interface FetPreview {
	name: string;
	days: number;
	periodsPerDay: number;
	counts: { teachers: number; classes: number; subjects: number; lessons: number; periods: number };
	placedPeriods: number;
	/** the file's placed timetable as a draft of the school (null when it has none) */
	draft: FetDraftPlan | null;
	ignored: { element: string; count: number }[];
	unmatched: { teachers: string[]; classes: string[]; subjects: string[] };
	/** not-available times outside the school's week, left out */
	outsideWeek: number;
	changes: FetChanges;
	/** the file's rooms the school has already (by name): left as they are */
	existingRooms: string[];
	/** names for the page: staff and classes of the changes */
	teacherNames: Record<number, string>;
	classNames: Record<number, string>;
	subjectNames: Record<number, string>;
}

function matchTeachers(inst: Instance, input: RosterInput, preview: FetPreview) {
	const staffOf = staffIndex(input.staff);
	const inWeek = ([d, p]: SlotPair) => d < input.settings.days && p < periodsPerDay(input.settings);
	for (const t of inst.teachers) {
		const staffId = staffOf(t.id) ?? staffOf(t.name);
		if (staffId === undefined) {
			preview.unmatched.teachers.push(t.id);
			continue;
		}
		const slots = t.unavailable.filter(inWeek);
		preview.outsideWeek += t.unavailable.length - slots.length;
		preview.teacherNames[staffId] = input.staff.find((s) => s.id === staffId)!.name;
		preview.changes.unavailable.push({ staffId, slots });
	}
}

function matchLessons(inst: Instance, input: RosterInput, preview: FetPreview) {
	const classOf = classIndex(input.classes);
	const subjectName = new Map(inst.subjects.map((s) => [s.id, s.name]));
	const periods = new Map<string, number>();
	const unmatched = { classes: new Set<string>(), subjects: new Set<string>() };
	for (const l of inst.lessons) {
		const classId = classOf(l.class);
		const cls = input.classes.find((c) => c.id === classId);
		if (!cls) {
			unmatched.classes.add(l.class);
			continue;
		}
		const subjectId = subjectOf(input, cls.grade, [
			l.subject,
			subjectName.get(l.subject) ?? ''
		])?.subjectId;
		if (subjectId === undefined) {
			unmatched.subjects.add(subjectName.get(l.subject) || l.subject);
			continue;
		}
		preview.classNames[cls.id] = cls.name;
		const key = `${cls.id}:${subjectId}`;
		periods.set(key, (periods.get(key) ?? 0) + l.periodsPerWeek);
	}
	preview.unmatched.classes = [...unmatched.classes];
	preview.unmatched.subjects = [...unmatched.subjects];
	preview.changes.requirements = [...periods].map(([key, periodsPerWeek]) => {
		const [classId, subjectId] = key.split(':').map(Number);
		return { classId, subjectId, periodsPerWeek };
	});
}

/** the file's rooms the school has not got, and its subjects' room types on taught subjects */
function matchRooms(inst: Instance, input: RosterInput, preview: FetPreview) {
	const existing = index(input.rooms ?? [], (r) => [r.name]);
	const added = new Set<string>();
	for (const r of inst.rooms ?? []) {
		const name = r.id.normalize('NFC').trim().slice(0, 60);
		if (!name || added.has(norm(name))) continue;
		if (existing(name) !== undefined) {
			preview.existingRooms.push(name);
			continue;
		}
		added.add(norm(name));
		const type = (ROOM_TYPES as readonly string[]).includes(r.type ?? '') ? r.type : 'other';
		preview.changes.rooms.push({
			name,
			type: type as RoomType,
			capacity: r.capacity !== undefined && r.capacity >= 1 && r.capacity <= 500 ? r.capacity : null
		});
	}
	const taught = new Set(input.assignments.map((a) => a.subjectId));
	const current = new Map((input.roomNeeds ?? []).map((n) => [n.subjectId, n.roomType]));
	const subjectOfName = index(input.subjects, (s) => [s.name, s.code]);
	const seen = new Set<number>();
	for (const s of inst.subjects) {
		if (!s.roomType || !(ROOM_TYPES as readonly string[]).includes(s.roomType)) continue;
		const subjectId = subjectOfName(s.id) ?? subjectOfName(s.name);
		if (subjectId === undefined || !taught.has(subjectId) || seen.has(subjectId)) continue;
		seen.add(subjectId);
		if (current.get(subjectId) === s.roomType) continue;
		preview.subjectNames[subjectId] = input.subjects.find((x) => x.id === subjectId)!.name;
		preview.changes.roomNeeds.push({ subjectId, roomType: s.roomType as RoomType });
	}
}

/**
 * reads the file and says what importing it would change; errors say where the file is wrong.
 * Throws `timetable_fet_too_many_rooms` (nothing is written) when the save would refuse the rooms.
 */
export async function previewFet(
	db: Db,
	schoolId: number,
	text: string
): Promise<{ ok: true; preview: FetPreview } | { ok: false; errors: FetError[] }> {
	const read = readFet(text);
	if (!read.ok) return { ok: false, errors: read.errors };
	const { instance: inst, solution, ignored } = read.value;
	const input = await rosterInput(db, schoolId);
	const preview: FetPreview = {
		name: inst.name,
		days: inst.days.length,
		periodsPerDay: inst.periodsPerDay,
		counts: {
			teachers: inst.teachers.length,
			classes: inst.classes.length,
			subjects: inst.subjects.length,
			lessons: inst.lessons.length,
			periods: inst.lessons.reduce((a, l) => a + l.periodsPerWeek, 0)
		},
		placedPeriods: solution?.assignments.reduce((a, x) => a + x.slots.length, 0) ?? 0,
		draft: null,
		ignored,
		unmatched: { teachers: [], classes: [], subjects: [] },
		outsideWeek: 0,
		changes: { unavailable: [], requirements: [], rooms: [], roomNeeds: [] },
		existingRooms: [],
		teacherNames: {},
		classNames: {},
		subjectNames: {}
	};
	matchTeachers(inst, input, preview);
	matchLessons(inst, input, preview);
	matchRooms(inst, input, preview);
	checkRoomCount(preview.changes);
	if (solution) preview.draft = planFetDraft(withChanges(input, preview.changes), inst, solution);
	return { ok: true, preview };
}

export { applyFetImport } from './fet-apply';
export { importFetDraft } from './fet-draft';
