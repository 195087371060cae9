/**
 * The FET import's second half (pure): the time constraints, the lessons made of activity groups,
 * and the rules of the problem, from what fet-read.ts has read. FET's teachers' max gaps must be
 * 100% in FET; the portal reads it as its own soft rule (weight 90, as the samples say).
 */
import type { Activity, FetImport, Reader, Students } from './fet-read';
import { childrenOf, textOf, type XmlElement } from './fet-xml';
import { SCHEMA_ID, type Constraint, type Instance, type Slot } from './format';
import { ROOM_TYPES, type RoomType } from './rooms';

const active = (el: XmlElement) => textOf(el, 'Active') !== 'false';
const weightOf = (el: XmlElement) => Number(textOf(el, 'Weight_Percentage') ?? 100);
const rule = (type: string, hard = true, weight = 100, extra = {}): Constraint => ({
	type,
	hard,
	weight,
	...extra
});

interface Times {
	days: Map<string, number>;
	hours: Map<string, number>;
	P: number;
}

interface Rules {
	unavailable: Map<string, Slot[]>;
	maxDays: Map<string, number>;
	starts: Map<number, { slot: Slot; locked: boolean; el: XmlElement }>;
	tagMax: Map<string, number>;
	/** per `class|tag` (ConstraintStudentsSetActivityTagMaxHoursDaily) */
	setTagMax: Map<string, number>;
	minDays?: { days: number; weight: number; consecutive: boolean };
	classGaps?: number;
	teacherGaps?: number;
	ignored: Map<string, number>;
}

function slotOf(r: Reader, el: XmlElement, t: Times, dayTag: string, hourTag: string): Slot | null {
	const d = t.days.get(textOf(el, dayTag) ?? '');
	const h = t.hours.get(textOf(el, hourTag) ?? '');
	if (d === undefined || h === undefined) {
		r.error(el, `unknown day or hour ${textOf(el, dayTag)} ${textOf(el, hourTag)}`);
		return null;
	}
	return [d, h];
}

function readRule(r: Reader, el: XmlElement, t: Times, out: Rules): void {
	const n = (tag: string) => Number(textOf(el, tag));
	switch (el.name) {
		case 'ConstraintBasicCompulsoryTime':
			return;
		case 'ConstraintTeacherNotAvailableTimes': {
			const slots = childrenOf(el, 'Not_Available_Time').map((x) => slotOf(r, x, t, 'Day', 'Hour'));
			const teacher = textOf(el, 'Teacher') ?? '';
			out.unavailable.set(teacher, [
				...(out.unavailable.get(teacher) ?? []),
				...slots.filter((s): s is Slot => s !== null)
			]);
			return;
		}
		case 'ConstraintTeacherMaxDaysPerWeek':
			out.maxDays.set(textOf(el, 'Teacher_Name') ?? '', r.int(el, 'Max_Days_Per_Week', 0, 16) ?? 0);
			return;
		case 'ConstraintActivityPreferredStartingTime': {
			const slot = slotOf(r, el, t, 'Preferred_Day', 'Preferred_Hour');
			const id = r.int(el, 'Activity_Id', 1);
			const locked = textOf(el, 'Permanently_Locked') === 'true';
			if (slot && id !== null) out.starts.set(id, { slot, locked, el });
			return;
		}
		case 'ConstraintMinDaysBetweenActivities':
			out.minDays ??= {
				days: r.int(el, 'MinDays', 0, 16) ?? 0,
				weight: weightOf(el),
				consecutive: textOf(el, 'Consecutive_If_Same_Day') === 'true'
			};
			return;
		case 'ConstraintStudentsMaxGapsPerWeek':
			out.classGaps = r.int(el, 'Max_Gaps', 0, 100) ?? 0;
			return;
		case 'ConstraintTeachersMaxGapsPerWeek':
			out.teacherGaps = r.int(el, 'Max_Gaps', 0, 100) ?? 0;
			return;
		case 'ConstraintStudentsActivityTagMaxHoursDaily':
			out.tagMax.set(textOf(el, 'Activity_Tag') ?? '', n('Maximum_Hours_Daily'));
			return;
		case 'ConstraintStudentsSetActivityTagMaxHoursDaily':
			out.setTagMax.set(
				`${textOf(el, 'Students')}|${textOf(el, 'Activity_Tag')}`,
				n('Maximum_Hours_Daily')
			);
			return;
		default:
			out.ignored.set(el.name, (out.ignored.get(el.name) ?? 0) + 1);
	}
}

function readRules(r: Reader, root: XmlElement, t: Times): Rules {
	const out: Rules = {
		unavailable: new Map(),
		maxDays: new Map(),
		starts: new Map(),
		tagMax: new Map(),
		setTagMax: new Map(),
		ignored: new Map()
	};
	for (const list of childrenOf(root, 'Time_Constraints_List'))
		for (const el of list.children) if (active(el)) readRule(r, el, t, out);
	return out;
}

/** words in a room's or subject's name that say which of the portal's room types it is */
const TYPE_WORDS: [RoomType, RegExp][] = [
	['computer', /máy tính|tin học|phòng máy|computer|\bict\b|\btin\b/i],
	[
		'lab',
		/thí nghiệm|thực hành|\blab|vật lí|vật lý|hóa|hoá|sinh học|khtn|khoa học tự nhiên|scien/i
	],
	['gym', /thể dục|thể chất|đa năng|\bgym|sport/i],
	['yard', /sân|\byard|field/i]
];
const typeOfWords = (...names: string[]) =>
	TYPE_WORDS.find(([, re]) => names.some((n) => re.test(n)))?.[0];
const isRoomType = (s: string | undefined): s is RoomType =>
	(ROOM_TYPES as readonly string[]).includes(s ?? '');

/**
 * FET's rooms (name, capacity; the portal writes the room type in <Comments>) and the space
 * constraints that say which rooms a subject (or an activity, so its subject) takes: a subject's
 * room type is that of its first preferred room. A room's type: its comment when it is one of the
 * portal's types, else words of its name, else of its subjects' names, else `other`.
 */
function readRooms(
	r: Reader,
	root: XmlElement,
	activities: Activity[],
	subjectNames: Map<string, string>,
	ignored: Map<string, number>
) {
	const rooms = r.list(root, 'Rooms_List', 'Room').map((el) => {
		const capacity = Number(textOf(el, 'Capacity'));
		return {
			name: textOf(el, 'Name') ?? '',
			comment: textOf(el, 'Comments') ?? '',
			capacity: Number.isInteger(capacity) && capacity >= 1 && capacity <= 500 ? capacity : null
		};
	});
	const known = new Set(rooms.map((x) => x.name));
	const subjectOfActivity = new Map(activities.map((a) => [a.id, a.subject]));
	const prefers = new Map<string, string[]>();
	const add = (el: XmlElement, subject: string | undefined, names: string[]) => {
		for (const n of names) if (!known.has(n)) r.error(el, `unknown room ${JSON.stringify(n)}`);
		if (subject && names.length && !prefers.has(subject)) prefers.set(subject, names);
	};
	for (const list of childrenOf(root, 'Space_Constraints_List'))
		for (const el of list.children) {
			if (!active(el)) continue;
			const many = childrenOf(el, 'Preferred_Room').map((x) => x.text);
			const one = textOf(el, 'Room');
			const activity = subjectOfActivity.get(Number(textOf(el, 'Activity_Id')));
			switch (el.name) {
				case 'ConstraintBasicCompulsorySpace':
					break;
				case 'ConstraintSubjectPreferredRooms':
					add(el, textOf(el, 'Subject'), many);
					break;
				case 'ConstraintSubjectPreferredRoom':
					add(el, textOf(el, 'Subject'), one ? [one] : []);
					break;
				case 'ConstraintActivityPreferredRooms':
					add(el, activity, many);
					break;
				case 'ConstraintActivityPreferredRoom':
					add(el, activity, one ? [one] : []);
					break;
				default:
					ignored.set(el.name, (ignored.get(el.name) ?? 0) + 1);
			}
		}
	const subjectsOf = new Map<string, string[]>();
	for (const [subject, names] of prefers)
		for (const n of names) subjectsOf.set(n, [...(subjectsOf.get(n) ?? []), subject]);
	const typed = rooms.map((x) => {
		const subjects = (subjectsOf.get(x.name) ?? []).flatMap((s) => [s, subjectNames.get(s) ?? '']);
		const type: RoomType = isRoomType(x.comment)
			? x.comment
			: (typeOfWords(x.name, x.comment) ?? typeOfWords(...subjects) ?? 'other');
		return {
			id: x.name,
			name: x.name,
			type,
			...(x.capacity === null ? {} : { capacity: x.capacity })
		};
	});
	const typeOf = new Map(typed.map((x) => [x.id, x.type]));
	const roomTypeOf = new Map(
		[...prefers].map(([subject, names]) => [subject, typeOf.get(names[0]) ?? 'other'])
	);
	return { rooms: typed, roomTypeOf };
}

function constraintsOf(rules: Rules): Constraint[] {
	const out = ['noClassClash', 'noTeacherClash', 'teacherUnavailable', 'fixedSlots'].map((x) =>
		rule(x)
	);
	out.push(rule('lessonMaxPerDay'));
	if (rules.maxDays.size) out.push(rule('teacherMaxDaysPerWeek'));
	if (rules.minDays?.consecutive) out.push(rule('consecutiveIfSameDay'));
	if (rules.classGaps !== undefined)
		out.push(rule('classMaxGapsPerWeek', true, 100, { maxGaps: rules.classGaps }));
	if (rules.minDays && rules.minDays.days > 0) {
		const w = rules.minDays.weight;
		out.push(rule('lessonMinDaysBetween', w >= 100, w, { minDays: rules.minDays.days }));
	}
	if (rules.teacherGaps !== undefined)
		out.push(rule('teacherMaxGapsPerWeek', false, 90, { maxGaps: rules.teacherGaps }));
	return out;
}

/** the activities of one group as a lesson, its fixed slots and its placed ones */
function lessonOf(r: Reader, acts: Activity[], rules: Rules, t: Times, id: string) {
	const [first] = acts;
	for (const a of acts)
		if (a.teacher !== first.teacher || a.subject !== first.subject || a.cls !== first.cls)
			r.error(
				a.el,
				`activity ${a.id}: its group ${first.group} mixes teachers, subjects or classes`
			);
	const periods = acts.reduce((n, a) => n + a.duration, 0);
	const limits = first.tags.flatMap((tag) =>
		[rules.tagMax.get(tag), rules.setTagMax.get(`${first.cls}|${tag}`)].filter(
			(x): x is number => Number.isInteger(x) && x! > 0
		)
	);
	const fixed: Slot[] = [];
	const placed: Slot[] = [];
	for (const a of acts) {
		const start = rules.starts.get(a.id);
		if (!start) continue;
		const [d, h] = start.slot;
		if (h + a.duration > t.P) r.error(start.el, `activity ${a.id} runs past the last hour`);
		for (let k = 0; k < a.duration; k++) (start.locked ? fixed : placed).push([d, h + k]);
	}
	const lesson = {
		id,
		class: first.cls,
		subject: first.subject,
		teacher: first.teacher,
		periodsPerWeek: periods,
		maxPerDay: Math.max(1, limits.length ? Math.min(...limits) : periods),
		fixedSlots: fixed
	};
	return { lesson, slots: [...fixed, ...placed], placed: placed.length };
}

function lessonsOf(r: Reader, activities: Activity[], rules: Rules, t: Times) {
	const groups = new Map<number, Activity[]>();
	for (const a of activities) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
	const used = new Set<string>();
	const made = [...groups.entries()].map(([group, acts]) => {
		const comments = new Set(acts.map((a) => a.comment));
		const comment = comments.size === 1 ? acts[0].comment : '';
		const id = comment && !used.has(comment) && comment.length <= 40 ? comment : `A${group}`;
		used.add(id);
		return lessonOf(r, acts, rules, t, id);
	});
	return made;
}

export function buildImport(
	r: Reader,
	root: XmlElement,
	students: Students,
	activities: Activity[]
): FetImport | null {
	const days = r.names(root, 'Days_List', 'Day');
	const hours = r.names(root, 'Hours_List', 'Hour');
	if (!days.length || !hours.length || hours.length > 16) {
		r.error(
			root,
			`needs 1 to 16 hours and at least one day, not ${days.length} days x ${hours.length} hours`
		);
		return null;
	}
	const t: Times = {
		days: new Map(days.map((d, i) => [d, i])),
		hours: new Map(hours.map((h, i) => [h, i])),
		P: hours.length
	};
	const rules = readRules(r, root, t);
	const made = lessonsOf(r, activities, rules, t);
	const subjectEls = r.list(root, 'Subjects_List', 'Subject');
	const subjectNames = new Map(
		subjectEls.map((el) => [
			textOf(el, 'Name') ?? '',
			(textOf(el, 'Comments') ?? '').split(' / ')[0]
		])
	);
	const { rooms, roomTypeOf } = readRooms(r, root, activities, subjectNames, rules.ignored);
	const teacherEls = r.list(root, 'Teachers_List', 'Teacher');
	const instance: Instance = {
		schema: SCHEMA_ID,
		name: textOf(root, 'Institution_Name') || 'FET',
		days: days.map((d) => ({ id: d, name: d })),
		periodsPerDay: hours.length,
		subjects: subjectEls.map((el) => {
			const id = textOf(el, 'Name') ?? '';
			const roomType = roomTypeOf.get(id);
			return {
				id,
				name: (textOf(el, 'Comments') ?? '').split(' / ')[0] || id,
				...(roomType ? { roomType } : {})
			};
		}),
		...(rooms.length ? { rooms } : {}),
		classes: students.classes,
		teachers: teacherEls.map((el) => {
			const id = textOf(el, 'Name') ?? '';
			const maxDays = rules.maxDays.get(id);
			return {
				id,
				name: id,
				unavailable: rules.unavailable.get(id) ?? [],
				...(maxDays === undefined ? {} : { maxDaysPerWeek: maxDays })
			};
		}),
		lessons: made.map((x) => x.lesson),
		constraints: constraintsOf(rules)
	};
	const placed = made.some((x) => x.placed > 0);
	return {
		instance,
		solution: placed
			? {
					instance: instance.name,
					solver: 'fet',
					assignments: made.map((x) => ({ lesson: x.lesson.id, slots: x.slots }))
				}
			: null,
		ignored: [...rules.ignored].map(([element, count]) => ({ element, count }))
	};
}
