import type { Kysely } from 'kysely';
import type { Checkpoint } from '$lib/grades/checkpoints';
import { heldAward } from '$lib/grades/primary-award';
import {
	QUALITY_ITEMS,
	type PrimaryResult,
	type QualityItem,
	type QualityLevel,
	type SubjectLevel
} from '$lib/grades/primary';
import type { Database } from '../db/schema';
import type { PrimaryClass, PrimarySubject } from './classes';
import { nominationStatusOf } from './awards';
import { decisionsOf, type PromotionDecision } from './promotion-decisions';
import { classSubjects } from './test-plan';
import { enrolledIn } from '../roster/enrolments';

type Db = Kysely<Database>;

/**
 * The class summary of a checkpoint (Circular 27: "Bảng tổng hợp kết quả đánh giá giáo dục của
 * lớp") for the homeroom teacher: counts of pupils at each level per subject and per quality or
 * competence, and at `year` the year results, grade completion and the awards of Art. 13 ("Học sinh
 * Xuất sắc" from the result; "Học sinh Tiêu biểu" once the principal confirmed the homeroom
 * teacher's nomination, `awards.ts`). Counts of the
 * class's active pupils, a fixed number of queries whatever the class size.
 */
export interface PrimarySummary {
	pupils: number;
	subjects: Array<PrimarySubject & { levels: Record<SubjectLevel | 'none', number> }>;
	qualities: Array<{ item: QualityItem; levels: Record<QualityLevel | 'none', number> }>;
	year: {
		results: Record<PrimaryResult | 'pending', number>;
		completed: number;
		awards: Array<{ id: number; fullName: string }>;
		/** "Học sinh Tiêu biểu": confirmed by the principal, still at Hoàn thành tốt */
		tieuBieu: Array<{ id: number; fullName: string; reason: string }>;
		/** Chưa hoàn thành: the principal's decision (Art. 11), null while pending */
		notCompleted: Array<{ id: number; fullName: string; decision: PromotionDecision | null }>;
	} | null;
}

export async function primaryClassSummary(
	db: Db,
	cls: PrimaryClass,
	checkpoint: Checkpoint
): Promise<PrimarySummary> {
	// the class's pupils of its school year (0360), whatever class they are in now
	const active = enrolledIn(db, cls.id).select('st.id');
	const [pupils, subjects, levels, qualities] = await Promise.all([
		enrolledIn(db, cls.id)
			.select(['st.id', 'st.full_name as fullName'])
			.orderBy('st.name_sort')
			.execute(),
		classSubjects(db, cls, checkpoint),
		db
			.selectFrom('primary_assessments')
			.select(['subject_id', 'level', (eb) => eb.fn.countAll<string>().as('n')])
			.where('school_year_id', '=', cls.schoolYearId)
			.where('checkpoint', '=', checkpoint)
			.where('level', 'is not', null)
			.where('student_id', 'in', active)
			.groupBy(['subject_id', 'level'])
			.execute(),
		db
			.selectFrom('primary_qualities')
			.select(['item', 'level', (eb) => eb.fn.countAll<string>().as('n')])
			.where('school_year_id', '=', cls.schoolYearId)
			.where('checkpoint', '=', checkpoint)
			.where('student_id', 'in', active)
			.groupBy(['item', 'level'])
			.execute()
	]);
	const total = pupils.length;
	const subjectRows = subjects.map((s) => {
		const count = (l: SubjectLevel) =>
			Number(levels.find((r) => r.subject_id === s.id && r.level === l)?.n ?? 0);
		const counts = { T: count('T'), H: count('H'), C: count('C') };
		return { ...s, levels: { ...counts, none: total - counts.T - counts.H - counts.C } };
	});
	const qualityRows = QUALITY_ITEMS.map((item) => {
		const count = (l: QualityLevel) =>
			Number(qualities.find((r) => r.item === item && r.level === l)?.n ?? 0);
		const counts = { tot: count('tot'), dat: count('dat'), can_co_gang: count('can_co_gang') };
		return {
			item,
			levels: { ...counts, none: total - counts.tot - counts.dat - counts.can_co_gang }
		};
	});
	return {
		pupils: total,
		subjects: subjectRows,
		qualities: qualityRows,
		year: checkpoint === 'year' ? await yearOf(db, cls, pupils) : null
	};
}

async function yearOf(
	db: Db,
	cls: PrimaryClass,
	pupils: Array<{ id: number; fullName: string }>
): Promise<NonNullable<PrimarySummary['year']>> {
	const rows = pupils.length
		? await db
				.selectFrom('primary_year_results')
				.select(['student_id', 'result'])
				.where('school_year_id', '=', cls.schoolYearId)
				.where(
					'student_id',
					'in',
					pupils.map((p) => p.id)
				)
				.execute()
		: [];
	const resultOf = new Map(rows.map((r) => [r.student_id, r.result]));
	const ids = pupils.map((p) => p.id);
	const [nominations, decisions] = await Promise.all([
		nominationStatusOf(db, ids, cls.schoolYearId),
		decisionsOf(db, ids, cls.schoolYearId)
	]);
	const notCompleted: NonNullable<PrimarySummary['year']>['notCompleted'] = [];
	const tieuBieu: NonNullable<PrimarySummary['year']>['tieuBieu'] = [];
	const results = { xuat_sac: 0, tot: 0, hoan_thanh: 0, chua_hoan_thanh: 0, pending: 0 };
	const awards: Array<{ id: number; fullName: string }> = [];
	for (const p of pupils) {
		const result = resultOf.get(p.id) ?? null;
		if (!result) {
			results.pending++;
			continue;
		}
		results[result]++;
		if (result === 'chua_hoan_thanh')
			notCompleted.push({ ...p, decision: decisions.get(p.id)?.decision ?? null });
		const nomination = nominations.get(p.id);
		const held = heldAward(result, nomination?.status ?? null);
		if (held === 'xuat_sac') awards.push(p);
		if (held === 'tieu_bieu') tieuBieu.push({ ...p, reason: nomination!.reason });
	}
	return {
		results,
		completed: results.xuat_sac + results.tot + results.hoan_thanh,
		awards,
		tieuBieu,
		notCompleted
	};
}
