import { MAX_ID } from './common';

/**
 * The admin's table of primary periodic tests as a plain form: per grade x subject a hidden version
 * `v_<grade>_<subject>` and two checkboxes `e_…` (end of term I and year) and `m_…` (mid-term I and
 * II), posted as "1" when ticked. Anything else (an unknown field, a control character, a huge
 * number, a checkbox without its version) makes the whole form invalid: null → 400.
 */
export interface TestPlanEntry {
	grade: number;
	subjectId: number;
	atEnd: boolean;
	atMid: boolean;
	version: number;
}

const FIELD = /^([emv])_([1-5])_(\d{1,10})$/;
const MAX_FIELDS = 600;

export function parseTestPlanForm(entries: Record<string, unknown>): TestPlanEntry[] | null {
	const keys = Object.keys(entries);
	if (keys.length === 0 || keys.length > MAX_FIELDS) return null;
	const rows = new Map<string, Partial<TestPlanEntry> & { grade: number; subjectId: number }>();
	for (const [key, value] of Object.entries(entries)) {
		const match = FIELD.exec(key);
		if (!match || typeof value !== 'string') return null;
		const grade = Number(match[2]);
		const subjectId = Number(match[3]);
		if (subjectId < 1 || subjectId > MAX_ID) return null;
		const row = rows.get(`${grade}_${subjectId}`) ?? { grade, subjectId };
		if (match[1] === 'v') {
			if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_ID) return null;
			row.version = Number(value);
		} else {
			if (value !== '1') return null;
			if (match[1] === 'e') row.atEnd = true;
			else row.atMid = true;
		}
		rows.set(`${grade}_${subjectId}`, row);
	}
	const list: TestPlanEntry[] = [];
	for (const r of rows.values()) {
		if (r.version === undefined) return null;
		list.push({
			grade: r.grade,
			subjectId: r.subjectId,
			atEnd: r.atEnd ?? false,
			atMid: r.atMid ?? false,
			version: r.version
		});
	}
	return list;
}
