import type { ItemStatus, PlatformGroup, ReviewDecision } from './statuses';

/**
 * MOET Decision 4725/QĐ-BGDĐT (30/12/2022), per criteria group scored out of 100:
 * level 1 below 50 (not yet meeting), level 2 from 50 to 75 (basic), level 3 above 75 (good).
 * A group with a missing mandatory condition stays at level 1 whatever its points.
 * The SQL summary (server/rollout/summary.ts) uses these same thresholds.
 */
export const DTI_LEVEL_2_FROM = 50;
export const DTI_LEVEL_3_ABOVE = 75;
export type DtiLevel = 1 | 2 | 3;

export interface ScoredItem {
	group: PlatformGroup;
	maxPoints: number;
	isMandatory: boolean;
	status: ItemStatus;
	selfScore: number | null;
	reviewerScore: number | null;
	reviewDecision: ReviewDecision | null;
}

export type ScoreBasis = 'self' | 'reviewer' | 'effective';

export interface GroupScore {
	points: number;
	maxPoints: number;
	/** points out of 100, one decimal */
	score: number;
	level: DtiLevel;
	mandatoryMissing: boolean;
}

/** A condition is met when the school marked it done and the reviewer did not send it back. */
export function isItemMet(item: Pick<ScoredItem, 'status' | 'reviewDecision'>): boolean {
	return item.status === 'done' && item.reviewDecision !== 'returned';
}

/** The points an item earns, between 0 and its maximum. The reviewer's score wins when given. */
export function itemPoints(item: ScoredItem, basis: ScoreBasis = 'effective'): number {
	if (item.status === 'not_applicable') return 0;
	const raw =
		basis === 'self'
			? item.selfScore
			: basis === 'reviewer'
				? item.reviewerScore
				: (item.reviewerScore ?? item.selfScore);
	return Math.min(Math.max(raw ?? 0, 0), item.maxPoints);
}

export function round1(value: number): number {
	// The epsilon keeps 66.65 (a float just below) rounding like PostgreSQL numeric does.
	return Math.round(value * 10 + 1e-9) / 10;
}

export function dtiLevel(score: number, mandatoryMissing: boolean): DtiLevel {
	if (mandatoryMissing) return 1;
	if (score > DTI_LEVEL_3_ABOVE) return 3;
	if (score >= DTI_LEVEL_2_FROM) return 2;
	return 1;
}

/**
 * Totals and level per group. A group's maximum is the sum of its applicable criteria, and the
 * score is normalised to 100: the unverified 4725 management list sums to 90 (one criterion is
 * missing from the public sources), so a school meeting all of it still scores 100.
 */
export function scoreGroup(
	items: ScoredItem[],
	basis: ScoreBasis = 'effective'
): GroupScore | null {
	const applicable = items.filter((i) => i.status !== 'not_applicable');
	const maxPoints = applicable.reduce((s, i) => s + i.maxPoints, 0);
	const hasMandatory = items.some((i) => i.isMandatory);
	if (maxPoints === 0 && !hasMandatory) return null;
	const points = applicable.reduce((s, i) => s + itemPoints(i, basis), 0);
	const score = maxPoints === 0 ? 0 : round1((points / maxPoints) * 100);
	const mandatoryMissing = items.some((i) => i.isMandatory && !isItemMet(i));
	return {
		points: round1(points),
		maxPoints: round1(maxPoints),
		score,
		level: dtiLevel(score, mandatoryMissing),
		mandatoryMissing
	};
}

export function scoreGroups(
	items: ScoredItem[],
	basis: ScoreBasis = 'effective'
): Record<PlatformGroup, GroupScore | null> {
	return {
		teaching: scoreGroup(
			items.filter((i) => i.group === 'teaching'),
			basis
		),
		management: scoreGroup(
			items.filter((i) => i.group === 'management'),
			basis
		)
	};
}

export interface ReviewProgress {
	/** applicable items the reviewer scored or decided on */
	reviewed: number;
	/** applicable items */
	total: number;
}

/**
 * How far the reviewer got per group (issue 9, point 5): a group's reviewer score means something
 * only once every applicable item of it was reviewed; before that the page says "not yet
 * reviewed" (or how many were) instead of a score that reads like a failing grade.
 */
export function reviewProgress(items: ScoredItem[]): Record<PlatformGroup, ReviewProgress> {
	const of = (group: PlatformGroup) => {
		const applicable = items.filter((i) => i.group === group && i.status !== 'not_applicable');
		const reviewed = applicable.filter(
			(i) => i.reviewerScore !== null || i.reviewDecision !== null
		);
		return { reviewed: reviewed.length, total: applicable.length };
	};
	return { teaching: of('teaching'), management: of('management') };
}

export const isGroupReviewed = (p: ReviewProgress) => p.total > 0 && p.reviewed === p.total;

/** Items done out of the items that apply, and the percentage (one decimal). */
export function checklistProgress(items: { status: ItemStatus }[]) {
	const total = items.filter((i) => i.status !== 'not_applicable').length;
	const done = items.filter((i) => i.status === 'done').length;
	return { done, total, percent: total ? round1((done / total) * 100) : 0 };
}
