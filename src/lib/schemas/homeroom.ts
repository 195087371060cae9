import { z } from 'zod';
import { MAX_ID } from './common';
import { parseCellText, type Assessment } from './grades';

/** Circular 22 levels as stored ('' in a form: not assessed yet). */
export const LEVEL_VALUES = ['tot', 'kha', 'dat', 'chua_dat'] as const;
export type LevelValue = (typeof LEVEL_VALUES)[number];
export const CONDUCT_TERMS = ['1', '2', 'summer'] as const;
export type ConductTerm = (typeof CONDUCT_TERMS)[number];

const versionField = z.coerce.number().int().min(0).max(MAX_ID);
const PUPIL = /^([lv])_([1-9]\d{0,9})$/;

export interface ConductEntry {
	studentId: number;
	level: LevelValue | null;
	/** the version the form was loaded with; 0 for a pupil without a stored level */
	version: number;
}

export interface ConductForm {
	term: ConductTerm;
	entries: ConductEntry[];
}

/**
 * The conduct form of a class and term: `term`, then per pupil `l_<id>` (a level or '') and `v_<id>`
 * (its version). Null when anything is not one of these (a NUL, a 100k string, 1e309, an unknown
 * field): the page answers 400 and keeps nothing.
 */
export function parseConductForm(entries: Record<string, unknown>): ConductForm | null {
	const { term, ...fields } = entries;
	const t = z.enum(CONDUCT_TERMS).safeParse(term);
	if (!t.success || Object.keys(fields).length > 400) return null;
	const byPupil = new Map<number, { level?: LevelValue | null; version?: number }>();
	for (const [key, value] of Object.entries(fields)) {
		const match = PUPIL.exec(key);
		if (!match || Number(match[2]) > MAX_ID || typeof value !== 'string') return null;
		const entry = byPupil.get(Number(match[2])) ?? {};
		if (match[1] === 'l') {
			const level = z.enum(['', ...LEVEL_VALUES]).safeParse(value);
			if (!level.success) return null;
			entry.level = level.data === '' ? null : level.data;
		} else {
			const version = versionField.safeParse(value);
			if (!version.success || value.trim() === '') return null;
			entry.version = version.data;
		}
		byPupil.set(Number(match[2]), entry);
	}
	const list: ConductEntry[] = [];
	for (const [studentId, e] of byPupil) {
		if (e.level === undefined || e.version === undefined) return null;
		list.push({ studentId, level: e.level, version: e.version });
	}
	return { term: t.data, entries: list };
}

const RETEST = /^([rv])_([1-9]\d{0,9})_([1-9]\d{0,9})$/;

export interface RetestEntry {
	studentId: number;
	subjectId: number;
	/** the typed text as posted (capped), to echo back beside its field */
	text: string;
	version: number;
}

/**
 * The re-test form: per pupil and subject `r_<pupil>_<subject>` (text) and `v_...` (version); null
 * when empty or anything else is posted.
 */
export function parseRetestForm(entries: Record<string, unknown>): RetestEntry[] | null {
	const count = Object.keys(entries).length;
	if (count === 0 || count > 800) return null;
	const cells = new Map<string, Partial<RetestEntry>>();
	for (const [key, value] of Object.entries(entries)) {
		const match = RETEST.exec(key);
		if (!match || typeof value !== 'string' || value.length > 200) return null;
		const [studentId, subjectId] = [Number(match[2]), Number(match[3])];
		if (studentId > MAX_ID || subjectId > MAX_ID) return null;
		const id = `${studentId}_${subjectId}`;
		const cell = cells.get(id) ?? { studentId, subjectId };
		if (match[1] === 'r') cell.text = value;
		else {
			const version = versionField.safeParse(value);
			if (!version.success || value.trim() === '') return null;
			cell.version = version.data;
		}
		cells.set(id, cell);
	}
	const list: RetestEntry[] = [];
	for (const c of cells.values()) {
		if (c.text === undefined || c.version === undefined) return null;
		list.push(c as RetestEntry);
	}
	return list;
}

export type RetestValue = { value: number; passed: null } | { value: null; passed: boolean } | null;

/**
 * A re-test's typed text for a subject of `assessment`: a score 0-10 with one decimal (scored), or
 * Đ / CĐ (comment); '' clears it. V and M (absent, exempt) have no meaning for a re-test.
 */
export function parseRetestText(
	text: string,
	assessment: Assessment
): { ok: true; retest: RetestValue } | { ok: false; code: string } {
	const parsed = parseCellText(text, assessment);
	if (!parsed.ok) return parsed;
	const { value, state } = parsed.cell;
	if (state === 'value') {
		return { ok: true, retest: value === null ? null : { value, passed: null } };
	}
	if (state === 'dat' || state === 'chua_dat') {
		return { ok: true, retest: { value: null, passed: state === 'dat' } };
	}
	return { ok: false, code: assessment === 'score' ? 'grades_v_score_only' : 'grades_v_comment' };
}

/** The semesters a homeroom comment belongs to. */
export const COMMENT_TERMS = ['1', '2'] as const;
export type CommentTerm = (typeof COMMENT_TERMS)[number];

export interface HomeroomCommentEntry {
	studentId: number;
	text: string;
	version: number;
}

const COMMENT_FIELD = /^([cv])_([1-9]\d{0,9})$/;

/**
 * The homeroom comments form of a class and term: `term`, then per pupil `c_<id>` (the typed text)
 * and `v_<id>` (its version). Null when anything else is posted (an unknown field, a NUL in a name,
 * a version that is not a number, more than 400 fields, a text over 200,000 characters); the texts
 * themselves are checked by the service, beside each pupil.
 */
export function parseHomeroomCommentForm(
	entries: Record<string, unknown>
): { term: CommentTerm; entries: HomeroomCommentEntry[] } | null {
	const { term, ...fields } = entries;
	const t = z.enum(COMMENT_TERMS).safeParse(term);
	if (!t.success || Object.keys(fields).length > 400) return null;
	const byPupil = new Map<number, { text?: string; version?: number }>();
	for (const [key, value] of Object.entries(fields)) {
		const match = COMMENT_FIELD.exec(key);
		if (!match || Number(match[2]) > MAX_ID || typeof value !== 'string') return null;
		if (value.length > 200_000) return null;
		const entry = byPupil.get(Number(match[2])) ?? {};
		if (match[1] === 'c') entry.text = value;
		else {
			const version = versionField.safeParse(value);
			if (!version.success || value.trim() === '') return null;
			entry.version = version.data;
		}
		byPupil.set(Number(match[2]), entry);
	}
	const list: HomeroomCommentEntry[] = [];
	for (const [studentId, e] of byPupil) {
		if (e.text === undefined || e.version === undefined) return null;
		list.push({ studentId, text: e.text, version: e.version });
	}
	return { term: t.data, entries: list };
}
