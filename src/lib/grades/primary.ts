/**
 * Circular 27/2020/TT-BGDĐT (primary, grades 1-5): levels, not averages. Subjects and activities are
 * rated T (Hoàn thành tốt), H (Hoàn thành) or C (Chưa hoàn thành); qualities and competences Tốt, Đạt or
 * Cần cố gắng; periodic tests are integers from 1 to 10 (scores.ts). No primary average is ever
 * computed (shared/domain/primary-assessment.md §1).
 *
 * Setting of `periodicTests` (UNCERTAIN, primary-assessment.md §2): `scienceTested` (default true:
 * the Vietnamese text of Art. 7 lists Khoa học among the tested subjects; the English copy omits it).
 * Ngoại ngữ 1 taught as an elective in grades 1-2 has no periodic test (derived).
 */
import {
	isPrimaryGrade,
	PRIMARY_PERIODIC_TESTS,
	SCIENCE_CODE,
	type GradeTests
} from './primary-tests';
import { assertPrimaryTestScore } from './scores';

export type SubjectLevel = 'T' | 'H' | 'C';
export type QualityLevel = 'tot' | 'dat' | 'can_co_gang';
export type PrimaryResult = 'xuat_sac' | 'tot' | 'hoan_thanh' | 'chua_hoan_thanh';
/** The four checkpoints of Art. 6-7: mid-semester I, end of semester I, mid-semester II, end of year. */
export type Checkpoint = 'mid_1' | 'end_1' | 'mid_2' | 'end_year';
export const CHECKPOINTS: readonly Checkpoint[] = ['mid_1', 'end_1', 'mid_2', 'end_year'];

/** The 2018 programme's 5 core qualities, 3 general and 7 specific competences (Circular 32/2018). */
export const QUALITIES = ['yeu_nuoc', 'nhan_ai', 'cham_chi', 'trung_thuc', 'trach_nhiem'] as const;
export const GENERAL_COMPETENCES = [
	'tu_chu_tu_hoc',
	'giao_tiep_hop_tac',
	'giai_quyet_van_de'
] as const;
export const SPECIFIC_COMPETENCES = [
	'ngon_ngu',
	'tinh_toan',
	'khoa_hoc',
	'cong_nghe',
	'tin_hoc',
	'tham_mi',
	'the_chat'
] as const;
export const QUALITY_ITEMS = [...QUALITIES, ...GENERAL_COMPETENCES, ...SPECIFIC_COMPETENCES];
export type QualityItem = (typeof QUALITY_ITEMS)[number];

const SUBJECT_LEVELS: readonly SubjectLevel[] = ['T', 'H', 'C'];
const QUALITY_LEVELS: readonly QualityLevel[] = ['tot', 'dat', 'can_co_gang'];

function checkList<T>(
	values: unknown,
	field: string,
	allowed: readonly T[],
	allowEmpty = false
): T[] {
	if (!Array.isArray(values) || (!allowEmpty && values.length === 0)) {
		throw new RangeError(`${field} must be a ${allowEmpty ? '' : 'non-empty '}list`);
	}
	values.forEach((value, i) => {
		if (!allowed.includes(value)) {
			throw new RangeError(`${field}[${i}] must be one of ${allowed.join(', ')}`);
		}
	});
	return values as T[];
}

/**
 * Circular 27, Art. 9(2): the end-of-year result.
 * Xuất sắc: every subject/activity T, every quality/competence Tốt, every end-of-year test >= 9.
 * Tốt: every subject/activity T, every quality/competence Tốt, every end-of-year test >= 7.
 * Hoàn thành: every subject/activity T or H, every quality/competence Tốt or Đạt, every test >= 5.
 * Chưa hoàn thành: every other case. `finalTests` holds only the tests that exist in the grade.
 */
export function yearResult(r: {
	subjects: Array<SubjectLevel>;
	qualities: Array<QualityLevel>;
	finalTests: number[];
}): PrimaryResult {
	const subjects = checkList(r.subjects, 'subjects', SUBJECT_LEVELS);
	const qualities = checkList(r.qualities, 'qualities', QUALITY_LEVELS);
	if (!Array.isArray(r.finalTests)) throw new RangeError('finalTests must be a list');
	const tests = r.finalTests.map((score, i) => assertPrimaryTestScore(score, `finalTests[${i}]`));
	const lowestTest = Math.min(10, ...tests);
	const allT = subjects.every((level) => level === 'T');
	const allTot = qualities.every((level) => level === 'tot');
	if (allT && allTot && lowestTest >= 9) return 'xuat_sac';
	if (allT && allTot && lowestTest >= 7) return 'tot';
	const noC = subjects.every((level) => level !== 'C');
	const noCanCoGang = qualities.every((level) => level !== 'can_co_gang');
	if (noC && noCanCoGang && lowestTest >= 5) return 'hoan_thanh';
	return 'chua_hoan_thanh';
}

/** The quality and competence items not yet rated at a checkpoint, in the order of the report. */
export function missingQualityRatings(
	ratings: Partial<Record<QualityItem, QualityLevel | null>>
): QualityItem[] {
	return QUALITY_ITEMS.filter((item) => {
		const level = ratings[item];
		if (level === undefined || level === null) return true;
		if (!QUALITY_LEVELS.includes(level)) {
			throw new RangeError(`ratings.${item} must be one of ${QUALITY_LEVELS.join(', ')}`);
		}
		return false;
	});
}

/**
 * Circular 27, Art. 7: periodic tests at the end of semester I and of the year in Tiếng Việt, Toán,
 * Ngoại ngữ 1, Lịch sử và Địa lí, Khoa học, Tin học và Công nghệ (where the grade studies them), plus
 * mid-semester tests in Tiếng Việt and Toán in grades 4 and 5. Codes as in the roster's subjects; the
 * table is data in primary-tests.ts; a school's own table (its admin's reading) is passed as `plan`.
 */
export function periodicTests(
	grade: number,
	checkpoint: Checkpoint,
	settings: { scienceTested: boolean } = { scienceTested: true },
	plan?: GradeTests
): string[] {
	if (!isPrimaryGrade(grade)) throw new RangeError('grade must be an integer from 1 to 5');
	if (!CHECKPOINTS.includes(checkpoint)) {
		throw new RangeError(`checkpoint must be one of ${CHECKPOINTS.join(', ')}`);
	}
	const table = plan ?? PRIMARY_PERIODIC_TESTS[grade];
	const tests = checkpoint === 'mid_1' || checkpoint === 'mid_2' ? table.mid : table.end;
	return tests.filter((code) => settings.scienceTested || code !== SCIENCE_CODE);
}

/**
 * Circular 27, Art. 11: a pupil with any result but Chưa hoàn thành completes the grade; otherwise
 * the teacher helps and re-assesses, and the principal decides between moving up and staying. There is
 * no 45-absence rule in primary.
 */
export function gradeCompletion(result: PrimaryResult): 'completed' | 'principal_decides' {
	checkList([result], 'result', ['xuat_sac', 'tot', 'hoan_thanh', 'chua_hoan_thanh'] as const);
	return result === 'chua_hoan_thanh' ? 'principal_decides' : 'completed';
}

/**
 * Circular 27, Art. 13: "Học sinh Xuất sắc" for Hoàn thành xuất sắc; "Học sinh Tiêu biểu hoàn thành
 * tốt trong học tập và rèn luyện" for Hoàn thành tốt with an outstanding subject or clear progress in a
 * quality or competence, recognised by the class (a teacher's judgement, passed in).
 */
export function primaryAward(
	result: PrimaryResult,
	isRecognisedOutstanding: boolean
): 'xuat_sac' | 'tieu_bieu' | null {
	if (result === 'xuat_sac') return 'xuat_sac';
	return result === 'tot' && isRecognisedOutstanding ? 'tieu_bieu' : null;
}
