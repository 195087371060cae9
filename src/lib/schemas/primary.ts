import { z } from 'zod';
import { QUALITY_ITEMS, type QualityItem, type QualityLevel } from '$lib/grades/primary';
import type { SubjectLevel } from '$lib/grades/primary';
import { parsePrimaryTestScore } from '$lib/grades/scores';
import { MAX_ID } from './common';
import { COMMENT_MAX, parseCommentText } from './grades';

/**
 * The primary teacher's forms (Circular 27). The grid posts per pupil and subject
 * `l_<pupil>_<subject>` (T, H, C or ''), `t_<pupil>_<subject>` (the test score, only where the grade
 * has a test), `c_<pupil>_<subject>` (the comment, in the one-pupil view) and `v_<pupil>_<subject>`
 * (the version loaded; 0 when never saved). A field that is absent is left as stored.
 */
export const SUBJECT_LEVELS = ['T', 'H', 'C'] as const satisfies readonly SubjectLevel[];
export const QUALITY_LEVELS = [
	'tot',
	'dat',
	'can_co_gang'
] as const satisfies readonly QualityLevel[];

export interface PrimaryEntry {
	studentId: number;
	subjectId: number;
	/** undefined: not posted (left as stored); null: cleared */
	level?: SubjectLevel | null;
	/** the typed test text, checked by the service (errors beside the cell) */
	test?: string;
	comment?: string;
	version: number;
}

const CELL = /^([ltcv])_([1-9]\d{0,9})_([1-9]\d{0,9})$/;
const versionField = z.coerce.number().int().min(0).max(MAX_ID);
/** Beyond these a posted text is hostile, not a typo: the whole form is refused (400). */
const TEST_TEXT_MAX = 30;
const COMMENT_TEXT_MAX = COMMENT_MAX * 4;
const MAX_FIELDS = 4000;

/** The key of a cell in errors and forms: `<pupil>_<subject>`. */
export const primaryKey = (c: { studentId: number; subjectId: number }) =>
	`${c.studentId}_${c.subjectId}`;

function readVersion(value: string): number | null {
	const v = versionField.safeParse(value);
	return v.success && value.trim() !== '' ? v.data : null;
}

/** The grid's posted cells, or null when anything is not one of its fields or is hostile. */
export function parsePrimaryForm(entries: Record<string, unknown>): PrimaryEntry[] | null {
	const keys = Object.keys(entries);
	if (keys.length === 0 || keys.length > MAX_FIELDS) return null;
	const cells = new Map<string, Partial<PrimaryEntry>>();
	for (const [key, value] of Object.entries(entries)) {
		const match = CELL.exec(key);
		if (!match || typeof value !== 'string') return null;
		const [studentId, subjectId] = [Number(match[2]), Number(match[3])];
		if (studentId > MAX_ID || subjectId > MAX_ID) return null;
		const cell = cells.get(`${studentId}_${subjectId}`) ?? { studentId, subjectId };
		if (match[1] === 'l') {
			const level = z.enum(['', ...SUBJECT_LEVELS]).safeParse(value);
			if (!level.success) return null;
			cell.level = level.data === '' ? null : level.data;
		} else if (match[1] === 't') {
			if (value.length > TEST_TEXT_MAX) return null;
			cell.test = value;
		} else if (match[1] === 'c') {
			if (value.length > COMMENT_TEXT_MAX) return null;
			cell.comment = value;
		} else {
			const version = readVersion(value);
			if (version === null) return null;
			cell.version = version;
		}
		cells.set(`${studentId}_${subjectId}`, cell);
	}
	const list: PrimaryEntry[] = [];
	for (const c of cells.values()) {
		if (c.version === undefined) return null;
		list.push(c as PrimaryEntry);
	}
	return list;
}

/** A typed test score: '' clears it; else an integer 1-10 (no 0, no decimals: Circular 27, Art. 7). */
export function parseTestText(
	text: string
): { ok: true; value: number | null } | { ok: false; code: string } {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, value: null };
	const parsed = parsePrimaryTestScore(trimmed);
	if (parsed.ok) return { ok: true, value: parsed.value };
	return { ok: false, code: `primary_v_test_${parsed.problem}` };
}

/** A typed comment (NFC, at most COMMENT_MAX, no control characters), as the gradebook's. */
export function parsePrimaryComment(text: string) {
	return parseCommentText(text);
}

export interface QualityEntry {
	studentId: number;
	item: QualityItem;
	level: QualityLevel | null;
	version: number;
}

const QUALITY_CELL = /^([qv])_([1-9]\d{0,9})_([a-z_]{2,30})$/;
export const qualityKey = (c: { studentId: number; item: string }) => `${c.studentId}_${c.item}`;

/** The qualities form: `q_<pupil>_<item>` (a level or '') and `v_<pupil>_<item>`; null otherwise. */
export function parseQualityForm(entries: Record<string, unknown>): QualityEntry[] | null {
	const keys = Object.keys(entries);
	if (keys.length === 0 || keys.length > MAX_FIELDS) return null;
	const cells = new Map<string, Partial<QualityEntry>>();
	for (const [key, value] of Object.entries(entries)) {
		const match = QUALITY_CELL.exec(key);
		if (!match || typeof value !== 'string') return null;
		const studentId = Number(match[2]);
		const item = match[3] as QualityItem;
		if (studentId > MAX_ID || !QUALITY_ITEMS.includes(item)) return null;
		const cell = cells.get(`${studentId}_${item}`) ?? { studentId, item };
		if (match[1] === 'q') {
			const level = z.enum(['', ...QUALITY_LEVELS]).safeParse(value);
			if (!level.success) return null;
			cell.level = level.data === '' ? null : level.data;
		} else {
			const version = readVersion(value);
			if (version === null) return null;
			cell.version = version;
		}
		cells.set(`${studentId}_${item}`, cell);
	}
	const list: QualityEntry[] = [];
	for (const c of cells.values()) {
		if (c.level === undefined || c.version === undefined) return null;
		list.push(c as QualityEntry);
	}
	return list;
}
