/**
 * Circular 27/2020, Art. 7 as data (shared/domain/primary-assessment.md §2): which subjects have a
 * periodic test in which grade. End of semester I and end of year: Tiếng Việt, Toán, Ngoại ngữ 1,
 * Lịch sử và Địa lí, Khoa học, Tin học và Công nghệ, where the grade studies them; grades 4 and 5
 * also at mid-semester I and II in Tiếng Việt and Toán. Ngoại ngữ 1 as an elective in grades 1-2 has
 * no test (derived; UNCERTAIN locally). Codes as in the roster's subjects. A school that reads the
 * circular otherwise changes this table, not code.
 */
export type PrimaryGrade = 1 | 2 | 3 | 4 | 5;
export interface GradeTests {
	/** tests at the end of semester I and at the end of the year */
	end: readonly string[];
	/** tests at mid-semester I and mid-semester II */
	mid: readonly string[];
}

export const PRIMARY_PERIODIC_TESTS: Readonly<Record<PrimaryGrade, GradeTests>> = {
	1: { end: ['TV', 'TOAN'], mid: [] },
	2: { end: ['TV', 'TOAN'], mid: [] },
	3: { end: ['TV', 'TOAN', 'NN1', 'THCN'], mid: [] },
	4: { end: ['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN'], mid: ['TV', 'TOAN'] },
	5: { end: ['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN'], mid: ['TV', 'TOAN'] }
};

/** The subject whose test depends on the school setting `scienceTested` (default: tested). */
export const SCIENCE_CODE = 'KH';

export function isPrimaryGrade(grade: unknown): grade is PrimaryGrade {
	return typeof grade === 'number' && Number.isInteger(grade) && grade >= 1 && grade <= 5;
}
