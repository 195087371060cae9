/**
 * The check before solving: what in the roster keeps periods out of the problem, and what makes a
 * complete timetable impossible whatever the generator does (the engine's counting arguments,
 * `$lib/timetable/presolve`), each with the names of the classes, teachers and subjects involved so
 * that the page can say it in words (`$lib/i18n/timetable.ts`).
 */
import { compileModel } from '../../timetable/model';
import { findProblems } from '../../timetable/presolve';
import { parseLessonId, parseTeacherId, type BuiltProblem, type RosterInput } from './problem';

export type PrecheckCode =
	| 'noClasses'
	| 'noTeacher'
	| 'noHomeroom'
	| 'classOverloaded'
	| 'lessonTooManyPerWeek'
	| 'fixedClassClash'
	| 'fixedTeacherClash'
	| 'fixedTeacherUnavailable'
	| 'fixedTooManyDays'
	| 'teacherOverloaded'
	| 'lessonNeedsMoreDays'
	| 'roomShort'
	| 'fixedRoomClash';

export interface PrecheckProblem {
	code: PrecheckCode;
	/** 'blocking': no complete timetable exists; 'left out': these periods are not generated */
	severity: 'blocking' | 'left_out';
	className?: string;
	teacherName?: string;
	subjectName?: string;
	needed?: number;
	available?: number;
	/** roomShort, fixedRoomClash: the room type (`RoomType`) */
	roomType?: string;
}

function namer(input: RosterInput) {
	const classes = new Map(input.classes.map((c) => [c.id, c.name]));
	const staff = new Map(input.staff.map((s) => [s.id, s.name]));
	const subjects = new Map(input.subjects.map((s) => [s.id, s.name]));
	return {
		cls: (id: number | undefined) => (id === undefined ? undefined : classes.get(id)),
		classOf: (engineId: string | undefined) =>
			engineId ? classes.get(Number(engineId.slice(1))) : undefined,
		teacher: (engineId: string | undefined) => {
			const id = engineId ? parseTeacherId(engineId) : null;
			return id === null ? undefined : staff.get(id);
		},
		subject: (id: number | undefined) => (id === undefined ? undefined : subjects.get(id)),
		lesson: (engineId: string | undefined) => (engineId ? parseLessonId(engineId) : null)
	};
}

export function precheck(built: BuiltProblem, input: RosterInput): PrecheckProblem[] {
	const name = namer(input);
	const out: PrecheckProblem[] = built.issues.map((i) => ({
		code: i.code,
		severity: i.code === 'noClasses' ? 'blocking' : 'left_out',
		className: name.cls(i.classId),
		subjectName: name.subject(i.subjectId),
		needed: i.periods
	}));
	if (!built.instance.lessons.length) return out;
	for (const p of findProblems(compileModel(built.instance))) {
		const lesson = name.lesson(p.lesson);
		out.push({
			code: p.code,
			severity: 'blocking',
			className: lesson ? name.cls(lesson.classId) : name.classOf(p.class),
			teacherName: name.teacher(
				p.teacher ?? built.instance.lessons.find((l) => l.id === p.lesson)?.teacher
			),
			subjectName: lesson
				? name.subject(lesson.subjectId)
				: p.subjects?.map((id) => name.subject(Number(id.slice(1))) ?? id).join(', '),
			needed: p.needed,
			available: p.available,
			...(p.roomType ? { roomType: p.roomType } : {})
		});
	}
	return out;
}
