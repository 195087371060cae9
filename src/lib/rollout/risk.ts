/**
 * Schools at risk and the plan of a wave. Dates are 'yyyy-mm-dd' strings (compared as text).
 * The dashboard's SQL (server/rollout/dashboard-queries.ts) applies the same rule.
 */
export type RiskReason = 'late' | 'mandatory_overdue';

export interface RiskInput {
	/** the day the school finished (all platforms in use and its model checklist approved) */
	completedOn: string | null;
	waveTargetOn: string | null;
	/** earliest due date of a mandatory condition not yet met */
	mandatoryDueOn: string | null;
}

/**
 * A school is at risk when it is late against its wave's target date (not finished by then), or
 * when a mandatory condition is still missing after its due date (Decision 4725 holds the group
 * at level 1 without it).
 */
export function riskReasons(school: RiskInput, today: string): RiskReason[] {
	const reasons: RiskReason[] = [];
	if (!school.completedOn && school.waveTargetOn && school.waveTargetOn < today)
		reasons.push('late');
	if (school.mandatoryDueOn && school.mandatoryDueOn < today) reasons.push('mandatory_overdue');
	return reasons;
}

export function isAtRisk(school: RiskInput, today: string): boolean {
	return riskReasons(school, today).length > 0;
}

/**
 * Schools of a wave expected to be done by `today`: all of them once the wave's target date has
 * passed, none before (the same reading as "late" in riskReasons).
 */
export function expectedDone(size: number, targetOn: string, today: string): number {
	return targetOn < today ? size : 0;
}

export interface MentorCandidate {
	schoolId: number;
	waveOrdinal: number | null;
	completedOn: string | null;
}

/** A school may mentor another when it has finished and belongs to an earlier wave. */
export function canMentor(
	mentor: MentorCandidate,
	mentee: { schoolId: number; waveOrdinal: number | null }
): boolean {
	if (mentor.schoolId === mentee.schoolId || !mentor.completedOn) return false;
	if (mentor.waveOrdinal === null || mentee.waveOrdinal === null) return false;
	return mentor.waveOrdinal < mentee.waveOrdinal;
}
