/**
 * The FET import's second half (pure): the time constraints, the lessons made of activity groups,
 * and the rules of the problem, from what fet-read.ts has read. FET's teachers' max gaps must be
 * 100% in FET; the portal reads it as its own soft rule (weight 90, as the samples say).
 */
import type { Activity, FetImport, Reader, Students } from './fet-read';
import { childrenOf, textOf, type XmlElement } from './fet-xml';
import { SCHEMA_ID, type Constraint, type Instance, type Slot } from './format';

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
	for (const list of childrenOf(root, 'Space_Constraints_List'))
		for (const el of list.children)
			if (el.name !== 'ConstraintBasicCompulsorySpace')
				out.ignored.set(el.name, (out.ignored.get(el.name) ?? 0) + 1);
	return out;
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
	const teacherEls = r.list(root, 'Teachers_List', 'Teacher');
	const instance: Instance = {
		schema: SCHEMA_ID,
		name: textOf(root, 'Institution_Name') || 'FET',
		days: days.map((d) => ({ id: d, name: d })),
		periodsPerDay: hours.length,
		subjects: r.list(root, 'Subjects_List', 'Subject').map((el) => {
			const id = textOf(el, 'Name') ?? '';
			return { id, name: (textOf(el, 'Comments') ?? '').split(' / ')[0] || id };
		}),
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
