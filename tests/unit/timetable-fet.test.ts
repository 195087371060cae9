import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/lib/timetable/evaluate';
import { readFet } from '../../src/lib/timetable/fet-read';
import { writeFet } from '../../src/lib/timetable/fet-write';
import { MAX_FET_BYTES } from '../../src/lib/timetable/fet-xml';
import { solve } from '../../src/lib/timetable/solver';
import { smallSchool } from './timetable-fixtures';

const SAMPLES = join(process.cwd(), '../shared/timetable');
const hasSamples = existsSync(join(SAMPLES, 'sample-thpt.fet'));

/** a FET file with the given activities and time constraints (two days of three hours) */
const fet = (activities: string, constraints = '') => `<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>Thử</Institution_Name>
<Days_List><Number_of_Days>2</Number_of_Days><Day><Name>T2</Name></Day><Day><Name>T3</Name></Day></Days_List>
<Hours_List><Number_of_Hours>3</Number_of_Hours><Hour><Name>1</Name></Hour><Hour><Name>2</Name></Hour><Hour><Name>3</Name></Hour></Hours_List>
<Subjects_List><Subject><Name>TOAN</Name></Subject></Subjects_List>
<Teachers_List><Teacher><Name>An</Name></Teacher><Teacher><Name>Binh</Name></Teacher></Teachers_List>
<Students_List><Year><Name>K6</Name><Group><Name>6A</Name><Subgroup><Name>6A-1</Name></Subgroup></Group></Year></Students_List>
<Activities_List>
${activities}
</Activities_List>
<Time_Constraints_List>
${constraints}
</Time_Constraints_List>
</fet>`;
const activity = (id: number, extra = '<Teacher>An</Teacher><Students>6A</Students>', group = 1) =>
	`<Activity>${extra}<Subject>TOAN</Subject><Duration>1</Duration><Total_Duration>2</Total_Duration><Id>${id}</Id><Activity_Group_Id>${group}</Activity_Group_Id><Active>true</Active></Activity>`;

const errorsOf = (text: string) => {
	const r = readFet(text);
	if (r.ok) throw new Error('read');
	return r.errors;
};

describe('reading a FET file', () => {
	it.skipIf(!hasSamples)('reads the THPT sample as the same problem as its JSON', () => {
		const r = readFet(readFileSync(join(SAMPLES, 'sample-thpt.fet'), 'utf8'));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const json = JSON.parse(readFileSync(join(SAMPLES, 'sample-thpt.json'), 'utf8'));
		const { instance } = r.value;
		expect(instance.lessons).toHaveLength(json.lessons.length);
		const key = (l: {
			id: string;
			class: string;
			subject: string;
			teacher: string;
			periodsPerWeek: number;
			maxPerDay: number;
			fixedSlots: unknown;
		}) =>
			JSON.stringify([
				l.id,
				l.class,
				l.subject,
				l.teacher,
				l.periodsPerWeek,
				Math.min(l.maxPerDay, l.periodsPerWeek),
				l.fixedSlots
			]);
		expect(instance.lessons.map(key).sort()).toEqual(json.lessons.map(key).sort());
		expect(instance.constraints).toEqual(json.constraints);
		const unavailable = (ts: { id: string; unavailable: unknown[] }[]) =>
			ts.filter((t) => t.unavailable.length).map((t) => [t.id, t.unavailable]);
		expect(unavailable(instance.teachers)).toEqual(unavailable(json.teachers));
		expect(r.value.solution).toBeNull();
	});

	it('makes one lesson of an activity group, with fixed slots, placed times and unavailability', () => {
		const r = readFet(
			fet(
				activity(1) + activity(2),
				`<ConstraintTeacherNotAvailableTimes><Weight_Percentage>100</Weight_Percentage><Teacher>An</Teacher><Number_of_Not_Available_Times>1</Number_of_Not_Available_Times><Not_Available_Time><Day>T3</Day><Hour>3</Hour></Not_Available_Time></ConstraintTeacherNotAvailableTimes>
<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>1</Activity_Id><Preferred_Day>T2</Preferred_Day><Preferred_Hour>1</Preferred_Hour><Permanently_Locked>true</Permanently_Locked></ConstraintActivityPreferredStartingTime>
<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>2</Activity_Id><Preferred_Day>T3</Preferred_Day><Preferred_Hour>2</Preferred_Hour><Permanently_Locked>false</Permanently_Locked></ConstraintActivityPreferredStartingTime>
<ConstraintTeacherMaxHoursDaily><Weight_Percentage>100</Weight_Percentage></ConstraintTeacherMaxHoursDaily>`
			)
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const { instance, solution, ignored } = r.value;
		expect(instance.lessons).toEqual([
			expect.objectContaining({
				id: 'A1',
				class: '6A',
				teacher: 'An',
				periodsPerWeek: 2,
				fixedSlots: [[0, 0]]
			})
		]);
		expect(instance.teachers[0].unavailable).toEqual([[1, 2]]);
		expect(solution?.assignments).toEqual([
			{
				lesson: 'A1',
				slots: [
					[0, 0],
					[1, 1]
				]
			}
		]);
		expect(ignored).toEqual([{ element: 'ConstraintTeacherMaxHoursDaily', count: 1 }]);
		// a subgroup's activity belongs to its group's class
		const sub = readFet(fet(activity(1, '<Teacher>An</Teacher><Students>6A-1</Students>')));
		expect(sub.ok && sub.value.instance.lessons[0].class).toBe('6A');
	});

	it('says where an activity does not fit the portal: two teachers, a whole year, an unknown day', () => {
		const errors = errorsOf(
			fet(
				activity(1, '<Teacher>An</Teacher><Teacher>Binh</Teacher><Students>6A</Students>') +
					'\n' +
					activity(2, '<Teacher>An</Teacher><Students>K6</Students>', 2),
				'<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>1</Activity_Id><Preferred_Day>CN</Preferred_Day><Preferred_Hour>1</Preferred_Hour></ConstraintActivityPreferredStartingTime>'
			)
		);
		expect(errors).toEqual([
			expect.objectContaining({
				line: 10,
				element: 'Activity',
				message: expect.stringContaining('exactly one teacher, not 2')
			}),
			expect.objectContaining({
				line: 11,
				element: 'Activity',
				message: expect.stringContaining('K6 are not a class')
			}),
			expect.objectContaining({
				line: 14,
				element: 'ConstraintActivityPreferredStartingTime',
				message: expect.stringContaining('unknown day or hour CN 1')
			})
		]);
	});

	it('names the line and column of a file that does not parse, and a file that is not FET', () => {
		const [broken] = errorsOf('<?xml version="1.0"?>\n<fet>\n<Days_List>\n</fet>');
		expect(broken).toMatchObject({ line: 4, column: 7 });
		expect(broken.message).toMatch(/closing tag|unexpected close tag/i);
		expect(errorsOf('<html><body/></html>')[0].message).toContain('not a FET file');
		expect(errorsOf('')[0].line).toBe(1);
		expect(
			errorsOf(
				fet(
					'<Activity><Id>x</Id><Duration>1</Duration><Teacher>An</Teacher><Students>6A</Students></Activity>'
				)
			)[0].message
		).toContain('<Id> must be a whole number');
	});

	it('refuses hostile files: entity declarations (an XML bomb), NUL bytes, too large', () => {
		const bomb = `<?xml version="1.0"?>
<!DOCTYPE fet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<fet><Institution_Name>&c;</Institution_Name></fet>`;
		expect(errorsOf(bomb)[0].message).toContain('DOCTYPE');
		const nul = errorsOf(fet(activity(1)).replace('<Subjects_List>', '<Subjects_List>\u0000'));
		expect(nul[0]).toMatchObject({ line: 6, message: 'NUL byte in the file' });
		expect(errorsOf(' '.repeat(MAX_FET_BYTES + 1))[0].message).toContain('larger than');
		const deep = `<fet>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</fet>`;
		expect(errorsOf(deep)[0].message).toContain('nested deeper');
	});
});

describe('writing a FET file', () => {
	it('reads back as the same problem, with the timetable as placed times', () => {
		const inst = smallSchool();
		const r = solve(inst, { seed: 1, maxIterations: 20_000 });
		const back = readFet(writeFet(inst, r.solution));
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		const sameLessons = (ls: typeof inst.lessons) =>
			ls.map((l) => [l.id, l.class, l.subject, l.teacher, l.periodsPerWeek, l.fixedSlots]).sort();
		expect(sameLessons(back.value.instance.lessons)).toEqual(sameLessons(inst.lessons));
		const slots = (s: typeof r.solution) =>
			s.assignments.map((a) => [a.lesson, [...a.slots].sort()]).sort();
		expect(slots(back.value.solution!)).toEqual(slots(r.solution));
		expect(evaluate(back.value.instance, back.value.solution!).hardTotal).toBe(0);
	});

	it('escapes names and drops characters XML cannot hold', () => {
		const inst = smallSchool();
		inst.name = 'A & B <"school">\u0001';
		const text = writeFet(inst);
		expect(text).toContain(
			'<Institution_Name>A &amp; B &lt;&quot;school&quot;&gt;</Institution_Name>'
		);
		const back = readFet(text);
		expect(back.ok && back.value.instance.name).toBe('A & B <"school">');
	});

	it.skipIf(!existsSync('/usr/bin/fet-cl'))('is opened and solved by FET itself (fet-cl)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'fet-'));
		const file = join(dir, 'school.fet');
		writeFileSync(file, writeFet(smallSchool()));
		execFileSync('fet-cl', [`--inputfile=${file}`, `--outputdir=${dir}`, '--timelimitseconds=30'], {
			timeout: 60_000
		});
		const out = join(dir, 'timetables', 'school');
		const generated = readFileSync(
			join(
				out,
				readdirSync(out).find((f) => f.endsWith('_data_and_timetable.fet'))!
			),
			'utf8'
		);
		const back = readFet(generated);
		expect(
			back.ok && back.value.solution && evaluate(back.value.instance, back.value.solution).feasible
		).toBe(true);
	});
});
