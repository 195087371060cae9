/**
 * Checks before solving that explain, in terms a school admin can act on, why no timetable can
 * exist: counting arguments that hold whatever the solver does. Each problem carries a code and
 * its figures so the UI can word it through the message catalogue; `message` is the English text.
 */
import { Kind, type Model } from './model';

export interface Problem {
	code:
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
	message: string;
	/** roomShort, fixedRoomClash: the room type, and the subjects needing it */
	roomType?: string;
	subjects?: string[];
	teacher?: string;
	class?: string;
	lesson?: string;
	/** the figures of the message: periods needed and slots available, etc. */
	needed?: number;
	available?: number;
}

const slotName = (m: Model, s: number) =>
	`${m.inst.days[Math.floor(s / m.P)].id} p${(s % m.P) + 1}`;

function checkClasses(m: Model, out: Problem[]) {
	m.inst.classes.forEach((c, ci) => {
		const needed = m.cUnits[ci].length;
		if (needed > m.S)
			out.push({
				code: 'classOverloaded',
				class: c.id,
				needed,
				available: m.S,
				message: `class ${c.id} needs ${needed} periods in ${m.S} slots`
			});
		const seen = new Map<number, number>();
		for (const u of m.cUnits[ci]) {
			const s = m.uPinned[u];
			if (s < 0) continue;
			const other = seen.get(s);
			if (other !== undefined && m.uLesson[other] !== m.uLesson[u])
				out.push({
					code: 'fixedClassClash',
					class: c.id,
					message: `class ${c.id} has two fixed or locked periods at ${slotName(m, s)}: ${m.inst.lessons[m.uLesson[other]].id} and ${m.inst.lessons[m.uLesson[u]].id}`
				});
			seen.set(s, u);
		}
	});
}

function checkLessons(m: Model, out: Problem[]) {
	m.inst.lessons.forEach((l) => {
		if (l.periodsPerWeek > l.maxPerDay * m.D)
			out.push({
				code: 'lessonTooManyPerWeek',
				lesson: l.id,
				needed: l.periodsPerWeek,
				available: l.maxPerDay * m.D,
				message: `lesson ${l.id} (${l.class} ${l.subject}) has ${l.periodsPerWeek} periods but at most ${l.maxPerDay} a day on ${m.D} days`
			});
	});
}

/**
 * Slots where a teacher can teach at all: not unavailable, and either one of the teacher's own
 * fixed periods or a slot that one of the teacher's classes keeps free of other fixed periods.
 */
function usableSlots(m: Model, t: number, units: number[]): Uint8Array {
	const usable = new Uint8Array(m.S);
	const blocked = new Uint8Array(m.nC * m.S);
	for (let u = 0; u < m.nU; u++)
		if (m.uPinned[u] >= 0) blocked[m.uClass[u] * m.S + m.uPinned[u]] = 1;
	for (const u of units) {
		if (m.uPinned[u] >= 0) usable[m.uPinned[u]] = 1;
		else for (let s = 0; s < m.S; s++) if (!blocked[m.uClass[u] * m.S + s]) usable[s] = 1;
	}
	for (let s = 0; s < m.S; s++) if (m.tUnavailable[t * m.S + s]) usable[s] = 0;
	return usable;
}

function checkTeacherFixed(m: Model, t: number, units: number[], out: Problem[]) {
	const id = m.inst.teachers[t].id;
	const at = new Set<number>();
	for (const u of units) {
		const s = m.uPinned[u];
		if (s < 0) continue;
		if (m.tUnavailable[t * m.S + s])
			out.push({
				code: 'fixedTeacherUnavailable',
				teacher: id,
				message: `teacher ${id} is unavailable at ${slotName(m, s)} but has a fixed or locked period there`
			});
		if (at.has(s))
			out.push({
				code: 'fixedTeacherClash',
				teacher: id,
				message: `teacher ${id} has two fixed or locked periods at ${slotName(m, s)}`
			});
		at.add(s);
	}
}

function checkTeacherCapacity(m: Model, t: number, units: number[], out: Problem[]) {
	const teacher = m.inst.teachers[t];
	const usable = usableSlots(m, t, units);
	const perDay = Array.from({ length: m.D }, (_, d) =>
		usable.slice(d * m.P, (d + 1) * m.P).reduce((a, b) => a + b, 0)
	);
	const forced = new Set(
		units.filter((u) => m.uPinned[u] >= 0).map((u) => Math.floor(m.uPinned[u] / m.P))
	);
	const maxDays = m.hard[Kind.TeacherDays] ? m.tMaxDays[t] : -1;
	const name = `teacher ${teacher.name} (${teacher.id})`;
	if (maxDays >= 0 && forced.size > maxDays) {
		out.push({
			code: 'fixedTooManyDays',
			teacher: teacher.id,
			needed: forced.size,
			available: maxDays,
			message: `${name} has fixed or locked periods on ${forced.size} days but may teach on at most ${maxDays}`
		});
		return;
	}
	let capacity = perDay.reduce((a, b) => a + b, 0);
	let how = `${capacity} usable slots`;
	if (maxDays >= 0 && maxDays < m.D) {
		const free = perDay.map((n, d) => ({ n, d })).filter((x) => !forced.has(x.d));
		free.sort((a, b) => b.n - a.n);
		const days = [...forced]
			.map((d) => ({ n: perDay[d], d }))
			.concat(free.slice(0, maxDays - forced.size));
		capacity = days.reduce((a, x) => a + x.n, 0);
		how = `${capacity} usable slots on their best ${maxDays} teaching days (${days.map((x) => `${m.inst.days[x.d].id}: ${x.n}`).join(', ')})`;
	}
	if (units.length <= capacity) return;
	const unavailable = teacher.unavailable.length;
	const blocked = m.S - unavailable - perDay.reduce((a, b) => a + b, 0);
	out.push({
		code: 'teacherOverloaded',
		teacher: teacher.id,
		needed: units.length,
		available: capacity,
		message:
			`${name} has ${units.length} periods but only ${how}` +
			(unavailable ? `; unavailable in ${unavailable} slots` : '') +
			(blocked > 0 ? `; ${blocked} slots taken in all of their classes by fixed periods` : '')
	});
}

function checkLessonDays(m: Model, t: number, out: Problem[]) {
	const maxDays = m.hard[Kind.TeacherDays] ? m.tMaxDays[t] : -1;
	if (maxDays < 0) return;
	m.inst.lessons.forEach((l, li) => {
		if (m.uTeacher[m.lUnits[li][0]] !== t) return;
		if (l.periodsPerWeek > l.maxPerDay * maxDays)
			out.push({
				code: 'lessonNeedsMoreDays',
				lesson: l.id,
				teacher: l.teacher,
				needed: l.periodsPerWeek,
				available: l.maxPerDay * maxDays,
				message: `lesson ${l.id} (${l.class} ${l.subject}) has ${l.periodsPerWeek} periods, at most ${l.maxPerDay} a day, but teacher ${l.teacher} teaches on at most ${maxDays} days`
			});
	});
}

/**
 * Rooms: the periods needing a room type cannot exceed the type's rooms times the slots of the
 * week, nor, among fixed and locked periods, the type's rooms in any one slot.
 */
function checkRooms(m: Model, out: Problem[]) {
	m.roomTypes.forEach((type, r) => {
		const units: number[] = [];
		for (let u = 0; u < m.nU; u++) if (m.uRoom[u] === r && !m.uExcluded[u]) units.push(u);
		const subjects = [...new Set(units.map((u) => m.inst.lessons[m.uLesson[u]].subject))];
		const rooms = m.rCount[r];
		const available = rooms * m.S;
		if (units.length > available)
			out.push({
				code: 'roomShort',
				roomType: type,
				subjects,
				needed: units.length,
				available,
				message: `${subjects.join(', ')} need ${units.length} periods in a ${type} room a week but the school's ${rooms} ${type} room(s) have ${available} slots`
			});
		const pinned = new Map<number, number>();
		for (const u of units)
			if (m.uPinned[u] >= 0) pinned.set(m.uPinned[u], (pinned.get(m.uPinned[u]) ?? 0) + 1);
		for (const [s, n] of pinned)
			if (n > rooms)
				out.push({
					code: 'fixedRoomClash',
					roomType: type,
					subjects,
					needed: n,
					available: rooms,
					message: `${n} fixed or locked periods need a ${type} room at ${slotName(m, s)} but the school has ${rooms}`
				});
	});
}

/** Everything that makes the instance infeasible whatever the timetable; [] when nothing is found. */
export function findProblems(m: Model): Problem[] {
	const out: Problem[] = [];
	checkClasses(m, out);
	checkLessons(m, out);
	checkRooms(m, out);
	const byTeacher: number[][] = Array.from({ length: m.nT }, () => []);
	for (let u = 0; u < m.nU; u++) byTeacher[m.uTeacher[u]].push(u);
	for (let t = 0; t < m.nT; t++) {
		checkTeacherFixed(m, t, byTeacher[t], out);
		checkTeacherCapacity(m, t, byTeacher[t], out);
		checkLessonDays(m, t, out);
	}
	return out;
}

/** `count` movable periods of `units`, one per lesson in turn, lessons with the most periods first */
function spreadPick(m: Model, units: number[], count: number): number[] {
	const byLesson = new Map<number, number[]>();
	for (const u of units)
		if (m.uPinned[u] < 0) byLesson.set(m.uLesson[u], [...(byLesson.get(m.uLesson[u]) ?? []), u]);
	const queues = [...byLesson.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
	const picked: number[] = [];
	while (picked.length < count && queues.some((q) => q.length))
		for (const q of queues) if (q.length && picked.length < count) picked.push(q.pop()!);
	return picked;
}

/**
 * Periods to leave out so that the rest of the school can still get a timetable: as many as the
 * problem says are too many, of the teacher, class or lesson it names.
 */
export function periodsToLeaveOut(m: Model, problems: Problem[]): number[] {
	const out = new Set<number>();
	const all = Array.from({ length: m.nU }, (_, u) => u);
	for (const p of problems) {
		if (p.needed === undefined || p.available === undefined) continue;
		if (p.code === 'fixedTooManyDays' || p.code === 'fixedRoomClash') continue;
		const named = (u: number) =>
			p.code === 'roomShort'
				? m.roomTypes[m.uRoom[u]] === p.roomType
				: p.code === 'teacherOverloaded'
					? m.inst.teachers[m.uTeacher[u]].id === p.teacher
					: p.code === 'classOverloaded'
						? m.inst.classes[m.uClass[u]].id === p.class
						: m.inst.lessons[m.uLesson[u]].id === p.lesson;
		const units = all.filter((u) => named(u) && !out.has(u));
		for (const u of spreadPick(m, units, p.needed - p.available)) out.add(u);
	}
	return [...out];
}
