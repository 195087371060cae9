import { addDays, daysBetween } from '../../dates';
import type { SeedContext } from './index';
import type { Random } from './random';

/**
 * The demo rollout ("vết dầu loang"): the two pilots finished in June 2022 at 12/12 and 100%;
 * the model then spread from the city to its neighbours and on to the highlands, one wave a
 * school year. Today (late 2026) the early waves are done, wave 3 is partly late, wave 4 (Văn Yên,
 * Mù Cang Chải, Trạm Tấu) is under way with submissions waiting for the Văn Yên reviewer.
 */
export const WAVES = [
	{
		ordinal: 0,
		name: 'Thí điểm (2022)',
		startsOn: '2022-03-01',
		targetOn: '2022-06-30',
		areas: []
	},
	{
		ordinal: 1,
		name: 'Đợt 1 (2022-2023)',
		startsOn: '2022-09-05',
		targetOn: '2023-05-31',
		areas: ['YB', 'NL']
	},
	{
		ordinal: 2,
		name: 'Đợt 2 (2023-2024)',
		startsOn: '2023-09-05',
		targetOn: '2024-05-31',
		areas: ['TY', 'YBI']
	},
	{
		ordinal: 3,
		name: 'Đợt 3 (2024-2025)',
		startsOn: '2024-09-05',
		targetOn: '2025-12-31',
		areas: ['LY', 'VC']
	},
	{
		ordinal: 4,
		name: 'Đợt 4 (2025-2026)',
		startsOn: '2025-09-05',
		targetOn: '2026-12-31',
		areas: ['VY', 'MCC', 'TT']
	}
] as const;
export type WaveSeed = (typeof WAVES)[number] & { id: number };

/** Share of each wave's schools finished by now. */
const COMPLETION = [1, 0.92, 0.85, 0.55, 0.12];
/** The demo's "today": the seed is the same whenever it runs. */
export const SEED_TODAY = '2026-11-28';

export type SchoolState = 'complete' | 'submitted' | 'returned' | 'draft' | 'demo';

export interface SchoolPlanSeed {
	schoolId: number;
	code: string;
	name: string;
	level: string;
	areaCode: string;
	wave: WaveSeed;
	state: SchoolState;
	completedOn: string | null;
	/** 0..1: how far an unfinished school has got */
	progress: number;
	/** a mandatory condition of the model checklist still missing */
	missingMandatory: boolean;
	/** 0..1: drives the school's 4725 self-assessment */
	maturity: number;
	mentorSchoolId: number | null;
}

/** The Văn Yên school whose admin is a demo account (and walks through the review journey). */
export const DEMO_SCHOOL_NAME = 'Trường TH&THCS Đông Cuông';
export const DEMO_SCHOOL_ADMIN = 'dongcuong.admin@demo.example';
const VANYEN_SUBMITTED = [
	'Trường THPT Chu Văn An',
	'Trường TH&THCS Mậu A',
	'Trường TH&THCS Ngòi A',
	'Trường THCS Đại Sơn'
];
const VANYEN_RETURNED = ['Trường THCS Xuân Ái'];
const VANYEN_MISSING = ['Trường TH&THCS Châu Quế Thượng', 'Trường TH Phong Dụ Thượng'];

function stateOf(rng: Random, name: string, waveIndex: number): SchoolState {
	if (name === DEMO_SCHOOL_NAME) return 'demo';
	if (VANYEN_SUBMITTED.includes(name)) return 'submitted';
	if (VANYEN_RETURNED.includes(name)) return 'returned';
	if (VANYEN_MISSING.includes(name)) return 'draft';
	return rng.chance(COMPLETION[waveIndex]) ? 'complete' : 'draft';
}

const isSecondary = (level: string) => level.includes('THPT');

export function planRollout(ctx: SeedContext, waves: WaveSeed[]): SchoolPlanSeed[] {
	const { rng } = ctx;
	const areaCode = new Map([...ctx.areaIds].map(([code, id]) => [id, code]));
	const pilots = [ctx.pilots.quangTrung.schoolId, ctx.pilots.nguyenTatThanh.schoolId];
	const plans: SchoolPlanSeed[] = [];
	for (const school of ctx.schools) {
		const area = areaCode.get(school.area_id)!;
		const w = pilots.includes(school.id)
			? 0
			: waves.findIndex((x) => (x.areas as readonly string[]).includes(area));
		const wave = waves[w];
		const state = w === 0 ? 'complete' : stateOf(rng, school.name, w);
		const span = daysBetween(wave.startsOn, wave.targetOn);
		let completedOn: string | null = null;
		if (state === 'complete')
			completedOn =
				school.id === pilots[0]
					? '2022-06-20'
					: school.id === pilots[1]
						? '2022-06-24'
						: addDays(wave.startsOn, span * (0.6 + rng.next() * 0.5));
		if (completedOn && completedOn > SEED_TODAY) completedOn = addDays(SEED_TODAY, -rng.int(3, 40));
		const progress =
			state === 'complete' || state === 'submitted' || state === 'returned'
				? 1
				: state === 'demo'
					? 0.85
					: Math.min(0.92, 0.25 + rng.next() * 0.6);
		plans.push({
			schoolId: school.id,
			code: school.code,
			name: school.name,
			level: school.level,
			areaCode: area,
			wave,
			state,
			completedOn,
			progress,
			missingMandatory:
				VANYEN_MISSING.includes(school.name) || (state === 'draft' && w >= 3 && rng.chance(0.2)),
			// the pilots met all their targets; the others' maturity follows their progress
			maturity:
				w === 0
					? 0.97
					: Math.min(
							0.98,
							state === 'complete'
								? 0.7 + rng.next() * 0.28
								: 0.3 + progress * 0.4 + rng.next() * 0.15
						),
			mentorSchoolId: null
		});
	}
	assignMentors(rng, plans, pilots);
	return plans;
}

/** Pilots mentor wave 1; later waves get a finished school of an earlier wave, alike in level. */
function assignMentors(rng: Random, plans: SchoolPlanSeed[], pilots: number[]) {
	for (const p of plans) {
		if (p.wave.ordinal === 0) continue;
		if (p.wave.ordinal === 1) {
			p.mentorSchoolId = isSecondary(p.level) ? pilots[1] : pilots[0];
			continue;
		}
		const earlier = plans.filter(
			(m) =>
				m.state === 'complete' &&
				m.wave.ordinal > 0 &&
				m.wave.ordinal < p.wave.ordinal &&
				isSecondary(m.level) === isSecondary(p.level)
		);
		if (earlier.length) p.mentorSchoolId = rng.pick(earlier).schoolId;
	}
}
