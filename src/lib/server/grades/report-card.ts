import type { Kysely } from 'kysely';
import { CHECKPOINTS, checkpointSemester, type Checkpoint } from '$lib/grades/checkpoints';
import { classWhere } from '../auth/access/classes';
import type { Principal } from '../auth/session';
import type { Database } from '../db/schema';
import { primaryCardData, type PrimaryCardData } from '../primary/report-card';
import { countedAbsencesOf } from '../calendar/school-calendar';
import { pupilHomeroomComments } from './homeroom-comments';
import { enrolledIn } from '../roster/enrolments';
import {
	childGrades,
	publishedByClass,
	requireChild,
	type ChildAccess,
	type ChildGrades
} from './parent';

type Db = Kysely<Database>;

/**
 * A pupil's report card (phiếu liên lạc) at one published checkpoint: what the parent's grades page
 * shows, limited to the checkpoints up to that one, plus the absences of its period. Readers: the
 * family (own children), the homeroom teacher and the school admin (the class's pupils); anyone else
 * gets 404. Never a rank or a class average (Circular 22, Art. 4): nothing here reads another pupil.
 */
export interface ReportCardData {
	checkpoint: Checkpoint;
	grades: ChildGrades;
	absences: { excused: number; unexcused: number; period: 1 | 2 | 'year' } | null;
	/** the homeroom teacher's comments of the card's semesters (0322) */
	homeroom: Array<{ term: 1 | 2; body: string }>;
}

export type ReportCardAnswer =
	| { published: true; card: ReportCardData }
	| { published: false; fullName: string; className: string | null };

/** The checkpoints a report card at `checkpoint` covers (it and the earlier ones). */
export function checkpointsUpTo(checkpoint: Checkpoint): Checkpoint[] {
	return CHECKPOINTS.slice(0, CHECKPOINTS.indexOf(checkpoint) + 1);
}

/** The card the report-card pages show: a primary pupil's (Circular 27) or the secondary one. */
export type PupilCardAnswer = ReportCardAnswer | { published: true; primaryCard: PrimaryCardData };

export function loadPupilCard(
	db: Db,
	principal: Principal,
	studentId: number,
	checkpoint: Checkpoint,
	access: ChildAccess
): Promise<PupilCardAnswer> {
	return loadCard(db, principal, studentId, checkpoint, access, true);
}

/** The secondary report card (Circular 22), whatever the pupil's grade. */
export async function loadReportCard(
	db: Db,
	principal: Principal,
	studentId: number,
	checkpoint: Checkpoint,
	access: ChildAccess
): Promise<ReportCardAnswer> {
	return (await loadCard(db, principal, studentId, checkpoint, access, false)) as ReportCardAnswer;
}

async function loadCard(
	db: Db,
	principal: Principal,
	studentId: number,
	checkpoint: Checkpoint,
	access: ChildAccess,
	primary: boolean
): Promise<PupilCardAnswer> {
	const child = await requireChild(db, principal, studentId, access);
	const notYet = {
		published: false as const,
		fullName: child.fullName,
		className: child.className
	};
	if (child.classId === null || child.schoolYearId === null) return notYet;
	const published = (await publishedByClass(db, [child.classId])).get(child.classId) ?? [];
	if (!published.includes(checkpoint)) return notYet;
	const upTo = new Set(checkpointsUpTo(checkpoint));
	if (primary && child.grade !== null && child.grade <= 5) {
		// a primary pupil (Circular 27): levels, tests, qualities, not averages
		const covered = published.filter((c) => upTo.has(c));
		const data = { ...child, classId: child.classId, schoolYearId: child.schoolYearId };
		const [primaryCard, absences] = await Promise.all([
			primaryCardData(db, { ...data, grade: child.grade }, checkpoint, covered),
			absencesOf(db, child.id, child.classId, child.schoolYearId, checkpoint)
		]);
		return { published: true, primaryCard: { ...primaryCard, absences } };
	}
	const last = checkpoint === 'year' ? 2 : checkpointSemester(checkpoint);
	const [grades, absences, homeroom] = await Promise.all([
		childGrades(
			db,
			child,
			published.filter((c) => upTo.has(c))
		),
		absencesOf(db, child.id, child.classId, child.schoolYearId, checkpoint),
		pupilHomeroomComments(db, child.id, child.schoolYearId, last)
	]);
	return { published: true, card: { checkpoint, grades, absences, homeroom } };
}

/**
 * Sessions absent in the checkpoint's period (its semester; the whole year at `year`), counted on
 * the school calendar like the class summary (`countedAbsencesOf`): a session on a day that is not
 * a school day is not counted.
 */
export async function absencesOf(
	db: Db,
	studentId: number,
	classId: number,
	schoolYearId: number,
	checkpoint: Checkpoint
): Promise<ReportCardData['absences']> {
	const period = checkpoint === 'year' ? 'year' : checkpointSemester(checkpoint);
	const [semesters, cls] = await Promise.all([
		db
			.selectFrom('semesters')
			.select(['number', 'starts_on', 'ends_on'])
			.where('school_year_id', '=', schoolYearId)
			.execute(),
		db
			.selectFrom('classes as c')
			.innerJoin('school_years as y', 'y.id', 'c.school_year_id')
			.select(['c.school_id', 'y.starts_on', 'y.ends_on'])
			.where('c.id', '=', classId)
			.executeTakeFirst()
	]);
	const inPeriod = semesters.filter((s) => period === 'year' || s.number === period);
	if (!inPeriod.length || !cls) return null;
	const from = inPeriod.map((s) => s.starts_on).sort()[0];
	const to = inPeriod.map((s) => s.ends_on).sort()[inPeriod.length - 1];
	const year = {
		schoolId: cls.school_id,
		schoolYearId,
		startsOn: cls.starts_on,
		endsOn: cls.ends_on
	};
	const counted = (await countedAbsencesOf(db, year, [studentId], { from, to })).get(studentId)!;
	return { excused: counted.excused, unexcused: counted.unexcused, period };
}

export interface ReportCardIndex {
	/** the school years the school has classes in; `yearId` the shown one (default: the current) */
	years: Array<{ id: number; name: string; isCurrent: boolean }>;
	yearId: number | null;
	classes: Array<{ id: number; name: string }>;
	selected: {
		id: number;
		name: string;
		published: Checkpoint[];
		pupils: Array<{ id: number; code: string; fullName: string }>;
	} | null;
}

/**
 * The school's report-card list for the caller: the classes of the school year (default the current
 * one) they hold 'class.homeroom' on (admin: all; homeroom teacher: theirs), and for the chosen class
 * its pupils of that year (enrolment history, 0360) and the checkpoints published to it.
 */
export async function reportCardIndex(
	db: Db,
	principal: Principal,
	schoolId: number,
	classId: number | null,
	yearId: number | null = null
): Promise<ReportCardIndex> {
	const years = await db
		.selectFrom('school_years as y')
		.select(['y.id', 'y.name', 'y.is_current as isCurrent'])
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('classes as yc')
					.select('yc.id')
					.whereRef('yc.school_year_id', '=', 'y.id')
					.where('yc.school_id', '=', schoolId)
			)
		)
		.orderBy('y.starts_on', 'desc')
		.execute();
	const year = years.find((y) => y.id === yearId) ?? years.find((y) => y.isCurrent) ?? null;
	const classes = await db
		.selectFrom('classes')
		.select(['classes.id', 'classes.name'])
		.where('classes.school_id', '=', schoolId)
		.where('classes.school_year_id', '=', year?.id ?? 0)
		.where(classWhere(principal, 'class.homeroom', 'classes'))
		.orderBy('classes.grade')
		.orderBy('classes.name_sort')
		.execute();
	const base = { years, yearId: year?.id ?? null, classes };
	const chosen =
		classes.find((c) => c.id === classId) ?? (classes.length === 1 ? classes[0] : null);
	if (!chosen) return { ...base, selected: null };
	const [published, pupils] = await Promise.all([
		publishedByClass(db, [chosen.id]),
		enrolledIn(db, chosen.id)
			.select(['st.id', 'st.code', 'st.full_name as fullName'])
			.orderBy('st.name_sort')
			.execute()
	]);
	return {
		...base,
		selected: { ...chosen, published: published.get(chosen.id) ?? [], pupils }
	};
}
