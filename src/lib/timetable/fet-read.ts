/**
 * A FET `.fet` file (FET 5/6) as a `vn-school-timetable/1` problem and, when the file holds the
 * activities' times, a solution (pure). Read: days, hours, subjects, teachers, the students'
 * years, groups and subgroups (a group, or a year without groups, is a class), activities (one
 * teacher, one students set; the activities of a group make one lesson of their total duration),
 * teachers' not-available times, a teacher's max days per week, the students' and teachers' max
 * gaps per week, min days between activities (and their consecutive-if-same-day), a class's max
 * hours daily per activity tag, and the activities' preferred starting times: permanently locked
 * ones are fixed slots, the others the placed times. Every error names its line and element.
 */
import { buildImport } from './fet-build';
import { childrenOf, readXml, textOf, XmlReadError, type XmlElement } from './fet-xml';
import { parseInstance, type Instance, type Solution } from './format';

export interface FetError {
	line: number;
	column: number;
	element: string;
	message: string;
}

export interface FetImport {
	instance: Instance;
	/** the placed times of the activities (FET's timetable), if the file has any */
	solution: Solution | null;
	/** what the file holds that the portal does not read: constraint names and counts */
	ignored: { element: string; count: number }[];
}

export type FetResult = { ok: true; value: FetImport } | { ok: false; errors: FetError[] };

export class Reader {
	readonly errors: FetError[] = [];
	error(el: XmlElement, message: string) {
		if (this.errors.length < 50)
			this.errors.push({ line: el.line, column: el.column, element: el.name, message });
	}
	list(root: XmlElement, listName: string, itemName: string): XmlElement[] {
		return root.children.filter((c) => c.name === listName).flatMap((l) => childrenOf(l, itemName));
	}
	names(root: XmlElement, listName: string, itemName: string): string[] {
		return this.list(root, listName, itemName).map((el) => {
			const name = textOf(el, 'Name');
			if (!name) this.error(el, 'no <Name>');
			return name ?? '';
		});
	}
	int(el: XmlElement, name: string, min = 0, max = 1_000_000): number | null {
		const text = textOf(el, name);
		const n = Number(text);
		if (text === undefined || !Number.isInteger(n) || n < min || n > max) {
			this.error(
				el,
				`<${name}> must be a whole number from ${min} to ${max}, not ${JSON.stringify(text ?? null)}`
			);
			return null;
		}
		return n;
	}
}

const active = (el: XmlElement) => textOf(el, 'Active') !== 'false';

export interface Students {
	classes: { id: string; grade?: number }[];
	/** students set name (year without groups, group, subgroup) → its class */
	classOf: Map<string, string>;
}

function readStudents(r: Reader, root: XmlElement): Students {
	const classes: Students['classes'] = [];
	const classOf = new Map<string, string>();
	for (const year of r.list(root, 'Students_List', 'Year')) {
		const yearName = textOf(year, 'Name') ?? '';
		const grade = Number(/\d+/.exec(yearName)?.[0]);
		const groups = childrenOf(year, 'Group');
		const add = (id: string) => {
			if (!classOf.has(id)) classes.push({ id, ...(Number.isInteger(grade) ? { grade } : {}) });
			classOf.set(id, id);
		};
		if (!groups.length) add(yearName);
		for (const g of groups) {
			const name = textOf(g, 'Name') ?? '';
			add(name);
			for (const sub of childrenOf(g, 'Subgroup')) classOf.set(textOf(sub, 'Name') ?? '', name);
		}
		if (groups.length) classOf.set(yearName, '');
	}
	return { classes, classOf };
}

export interface Activity {
	el: XmlElement;
	id: number;
	group: number;
	teacher: string;
	subject: string;
	cls: string;
	tags: string[];
	duration: number;
	comment: string;
}

function readActivities(r: Reader, root: XmlElement, students: Students): Activity[] {
	const out: Activity[] = [];
	for (const el of r.list(root, 'Activities_List', 'Activity')) {
		if (!active(el)) continue;
		const teachers = childrenOf(el, 'Teacher').map((t) => t.text);
		const sets = childrenOf(el, 'Students').map((s) => s.text);
		const id = r.int(el, 'Id', 1);
		const duration = r.int(el, 'Duration', 1, 16);
		if (teachers.length !== 1)
			r.error(el, `activity ${id}: the portal needs exactly one teacher, not ${teachers.length}`);
		if (sets.length !== 1)
			r.error(
				el,
				`activity ${id}: the portal needs exactly one class, not ${sets.length} students sets`
			);
		const cls = students.classOf.get(sets[0] ?? '');
		if (sets.length === 1 && !cls)
			r.error(
				el,
				`activity ${id}: students ${sets[0]} are not a class (a group, or a year without groups)`
			);
		if (id === null || duration === null || teachers.length !== 1 || !cls) continue;
		out.push({
			el,
			id,
			group: Number(textOf(el, 'Activity_Group_Id') ?? 0) || id,
			teacher: teachers[0],
			subject: textOf(el, 'Subject') ?? '',
			cls,
			tags: childrenOf(el, 'Activity_Tag').map((t) => t.text),
			duration,
			comment: textOf(el, 'Comments') ?? ''
		});
	}
	return out;
}

export function readFet(text: string): FetResult {
	let root: XmlElement;
	try {
		root = readXml(text);
	} catch (err) {
		if (err instanceof XmlReadError) return { ok: false, errors: [err.where] };
		throw err;
	}
	const r = new Reader();
	if (root.name !== 'fet') {
		r.error(root, 'not a FET file: the root element is not <fet>');
		return { ok: false, errors: r.errors };
	}
	const students = readStudents(r, root);
	const result = buildImport(r, root, students, readActivities(r, root, students));
	if (r.errors.length || !result) return { ok: false, errors: r.errors };
	const parsed = parseInstance(result.instance);
	if (!parsed.ok)
		return {
			ok: false,
			errors: parsed.errors.map((e) => ({
				line: root.line,
				column: root.column,
				element: 'fet',
				message: `${e.path}: ${e.message}`
			}))
		};
	return { ok: true, value: result };
}
