import type { SchoolLevel } from './types';

/**
 * What a school's level means for its roster: which programme levels its subjects come from and
 * which grades its classes may have (TH 1-5, THCS 6-9, THPT 10-12; Circular 32/2018).
 * Combined schools (TH&THCS, THCS&THPT, PTDTBT/PTDTNT variants) span two levels.
 */
export type ProgrammeLevel = 'TH' | 'THCS' | 'THPT';

const PROGRAMMES: Record<SchoolLevel, ProgrammeLevel[]> = {
	MN: [],
	TH: ['TH'],
	THCS: ['THCS'],
	THPT: ['THPT'],
	TH_THCS: ['TH', 'THCS'],
	THCS_THPT: ['THCS', 'THPT'],
	PTDTBT_TH: ['TH'],
	PTDTBT_THCS: ['THCS'],
	PTDTBT_TH_THCS: ['TH', 'THCS'],
	PTDTNT_THCS: ['THCS'],
	PTDTNT_THPT: ['THPT'],
	PTDTNT_THCS_THPT: ['THCS', 'THPT']
};

const GRADES: Record<ProgrammeLevel, number[]> = {
	TH: [1, 2, 3, 4, 5],
	THCS: [6, 7, 8, 9],
	THPT: [10, 11, 12]
};

export function programmeLevels(level: SchoolLevel): ProgrammeLevel[] {
	return PROGRAMMES[level] ?? [];
}

/** The grades a school of this level teaches (a preschool has none of grades 1-12). */
export function gradesOf(level: SchoolLevel): number[] {
	return programmeLevels(level).flatMap((p) => GRADES[p]);
}
