/**
 * A `vn-school-timetable/1` problem as a FET 6.x `.fet` file (pure), and a timetable's periods as
 * activities locked at their times. Ids become FET names (teachers, subjects, classes; the
 * portal's names are in <Comments>), each class is a group of a year per grade, each period an
 * activity of one hour, the periods of a lesson one activity group. Rooms: the portal's rooms and
 * a subject's room type as FET's preferred rooms of the subject.
 */
import type { Instance, Solution } from './format';

const esc = (s: string | number) =>
	String(s)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		// characters XML 1.0 does not allow
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** `<tag>value</tag>` lines, one per entry, indented */
const tags = (pad: string, entries: [string, string | number | boolean][]) =>
	entries.map(([k, v]) => `${pad}<${k}>${esc(String(v))}</${k}>`).join('\n');

const block = (name: string, body: string) => `<${name}>\n${body}\n</${name}>`;

function header(inst: Instance) {
	const days = inst.days.map((d) => `<Day>\n\t<Name>${esc(d.id)}</Name>\n</Day>`);
	const hours = Array.from(
		{ length: inst.periodsPerDay },
		(_, i) => `<Hour>\n\t<Name>${i + 1}</Name>\n</Hour>`
	);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<fet version="6.8.5">',
		'<Mode>Official</Mode>',
		`<Institution_Name>${esc(inst.name)}</Institution_Name>`,
		'<Comments>Trường Số: vn-school-timetable/1</Comments>',
		block(
			'Days_List',
			[`<Number_of_Days>${inst.days.length}</Number_of_Days>`, ...days].join('\n')
		),
		block(
			'Hours_List',
			[`<Number_of_Hours>${inst.periodsPerDay}</Number_of_Hours>`, ...hours].join('\n')
		)
	];
}

function people(inst: Instance) {
	const subjects = inst.subjects.map((s) =>
		block(
			'Subject',
			tags('\t', [
				['Name', s.id],
				['Comments', s.name]
			])
		)
	);
	const activityTags = inst.subjects.map((s) =>
		block(
			'Activity_Tag',
			tags('\t', [
				['Name', s.id],
				['Printable', true]
			])
		)
	);
	const teachers = inst.teachers.map((t) =>
		block(
			'Teacher',
			tags('\t', [
				['Name', t.id],
				['Target_Number_of_Hours', 0],
				['Comments', t.name]
			])
		)
	);
	const byGrade = new Map<string, string[]>();
	for (const c of inst.classes) {
		const year = c.grade === undefined ? 'K' : `K${c.grade}`;
		byGrade.set(year, [...(byGrade.get(year) ?? []), c.id]);
	}
	const years = [...byGrade].map(([year, classes]) =>
		block(
			'Year',
			[
				tags('\t', [
					['Name', year],
					['Number_of_Students', 0]
				]),
				...classes.map(
					(c) =>
						`\t<Group>\n${tags('\t\t', [
							['Name', c],
							['Number_of_Students', 0]
						])}\n\t</Group>`
				)
			].join('\n')
		)
	);
	return [
		block('Subjects_List', subjects.join('\n')),
		block('Activity_Tags_List', activityTags.join('\n')),
		block('Teachers_List', teachers.join('\n')),
		block('Students_List', years.join('\n'))
	];
}

/** activity ids of each lesson's periods, 1-based, in lesson order */
function activityIds(inst: Instance): number[][] {
	let next = 1;
	return inst.lessons.map((l) => Array.from({ length: l.periodsPerWeek }, () => next++));
}

function activities(inst: Instance, ids: number[][]) {
	return block(
		'Activities_List',
		inst.lessons
			.flatMap((l, li) =>
				ids[li].map((id) =>
					block(
						'Activity',
						tags('\t', [
							['Teacher', l.teacher],
							['Subject', l.subject],
							['Activity_Tag', l.subject],
							['Students', l.class],
							['Duration', 1],
							['Total_Duration', l.periodsPerWeek],
							['Id', id],
							['Activity_Group_Id', ids[li][0]],
							['Active', true],
							['Comments', l.id]
						])
					)
				)
			)
			.join('\n')
	);
}

type Entry = [string, string | number | boolean];
const constraint = (name: string, entries: Entry[], extra: string[] = []) =>
	block(
		name,
		[
			tags('\t', entries),
			...extra,
			tags('\t', [
				['Active', true],
				['Comments', '']
			])
		].join('\n')
	);
const W100: Entry = ['Weight_Percentage', 100];

function teacherRules(inst: Instance, dayName: (d: number) => string) {
	const out: string[] = [];
	const maxDays = inst.constraints.some((c) => c.type === 'teacherMaxDaysPerWeek');
	for (const t of inst.teachers) {
		if (t.unavailable.length)
			out.push(
				constraint(
					'ConstraintTeacherNotAvailableTimes',
					[W100, ['Teacher', t.id], ['Number_of_Not_Available_Times', t.unavailable.length]],
					t.unavailable.map(
						([d, p]) =>
							`\t<Not_Available_Time>\n${tags('\t\t', [
								['Day', dayName(d)],
								['Hour', p + 1]
							])}\n\t</Not_Available_Time>`
					)
				)
			);
		if (maxDays && t.maxDaysPerWeek !== undefined)
			out.push(
				constraint('ConstraintTeacherMaxDaysPerWeek', [
					W100,
					['Teacher_Name', t.id],
					['Max_Days_Per_Week', t.maxDaysPerWeek]
				])
			);
	}
	return out;
}

/** fixed slots (permanently locked) and the timetable's other periods (locked) at their times */
function startingTimes(
	inst: Instance,
	ids: number[][],
	solution: Solution | null,
	dayName: (d: number) => string
) {
	const placed = new Map((solution?.assignments ?? []).map((a) => [a.lesson, a.slots]));
	const out: string[] = [];
	const at = (id: number, [d, p]: [number, number], locked: boolean) =>
		constraint('ConstraintActivityPreferredStartingTime', [
			W100,
			['Activity_Id', id],
			['Preferred_Day', dayName(d)],
			['Preferred_Hour', p + 1],
			['Permanently_Locked', locked]
		]);
	inst.lessons.forEach((l, li) => {
		const key = (s: [number, number]) => `${s[0]}-${s[1]}`;
		const fixed = new Set(l.fixedSlots.map(key));
		l.fixedSlots.slice(0, l.periodsPerWeek).forEach((s, k) => out.push(at(ids[li][k], s, true)));
		const rest = (placed.get(l.id) ?? []).filter((s) => !fixed.has(key(s)));
		rest
			.slice(0, l.periodsPerWeek - l.fixedSlots.length)
			.forEach((s, k) => out.push(at(ids[li][l.fixedSlots.length + k], s, false)));
	});
	return out;
}

function lessonRules(inst: Instance, ids: number[][], placed: boolean) {
	const rule = new Map(inst.constraints.map((c) => [c.type, c]));
	const out: string[] = [];
	const md = rule.get('lessonMinDaysBetween');
	const consecutive = rule.has('consecutiveIfSameDay');
	inst.lessons.forEach((l, li) => {
		if (md && (md.minDays ?? 0) > 0 && l.periodsPerWeek >= 2 && !l.fixedSlots.length)
			out.push(
				constraint('ConstraintMinDaysBetweenActivities', [
					['Weight_Percentage', Math.min(100, md.weight)],
					['Consecutive_If_Same_Day', consecutive],
					['Number_of_Activities', ids[li].length],
					...ids[li].map((id): Entry => ['Activity_Id', id]),
					['MinDays', md.minDays ?? 1]
				])
			);
		if (l.maxPerDay < l.periodsPerWeek)
			out.push(
				constraint('ConstraintStudentsSetActivityTagMaxHoursDaily', [
					W100,
					['Maximum_Hours_Daily', l.maxPerDay],
					['Students', l.class],
					['Activity_Tag', l.subject]
				])
			);
	});
	const cg = rule.get('classMaxGapsPerWeek');
	if (cg)
		out.push(constraint('ConstraintStudentsMaxGapsPerWeek', [W100, ['Max_Gaps', cg.maxGaps ?? 0]]));
	const tg = rule.get('teacherMaxGapsPerWeek');
	// FET accepts only 100% for this one, which the portal's soft rule is not: left out with a
	// timetable, whose periods (locked) may have more gaps than it allows
	if (tg && !placed)
		out.push(constraint('ConstraintTeachersMaxGapsPerWeek', [W100, ['Max_Gaps', tg.maxGaps ?? 0]]));
	return out;
}

function spaceSection(inst: Instance) {
	const rooms = inst.rooms ?? [];
	const list = rooms.map((r) =>
		block(
			'Room',
			tags('\t', [
				['Name', r.id],
				['Building', ''],
				['Capacity', r.capacity ?? 1000],
				['Virtual', false],
				// the portal's room type, read back by the import (FET rooms have no type)
				['Comments', r.type ?? r.name ?? '']
			])
		)
	);
	const prefs = inst.subjects.flatMap((s) => {
		const mine = rooms.filter((r) => s.roomType && r.type === s.roomType);
		if (!mine.length) return [];
		return [
			constraint('ConstraintSubjectPreferredRooms', [
				W100,
				['Subject', s.id],
				['Number_of_Preferred_Rooms', mine.length],
				...mine.map((r): Entry => ['Preferred_Room', r.id])
			])
		];
	});
	return [
		block('Rooms_List', list.join('\n')),
		block(
			'Space_Constraints_List',
			[constraint('ConstraintBasicCompulsorySpace', [W100]), ...prefs].join('\n')
		)
	];
}

export function writeFet(inst: Instance, solution: Solution | null = null): string {
	const ids = activityIds(inst);
	const dayName = (d: number) => inst.days[d]?.id ?? String(d);
	const time = [
		constraint('ConstraintBasicCompulsoryTime', [W100]),
		...teacherRules(inst, dayName),
		...startingTimes(inst, ids, solution, dayName),
		...lessonRules(inst, ids, solution !== null)
	];
	const [rooms, space] = spaceSection(inst);
	return [
		...header(inst),
		...people(inst),
		activities(inst, ids),
		'<Buildings_List>\n</Buildings_List>',
		rooms,
		block('Time_Constraints_List', time.join('\n')),
		space,
		'</fet>',
		''
	].join('\n\n');
}
