/**
 * The assessment plan: how many regular (TX) assessments a subject records per semester.
 * Circular 22, Art. 6(2): comment-only subjects record 2 per semester; scored subjects record 2 for
 * 35 periods per year, 3 for more than 35 up to 70, 4 for more than 70. The text says "35 periods";
 * no 2018-programme subject has fewer, so fewer than 35 also gives 2.
 *
 * Setting `topicCluster` (UNCERTAIN in grading.md §2.1): in THPT, the results of a subject's learning
 * topic cluster count as one extra regular assessment of that subject ('extra_regular', the default,
 * as the domain notes recall the clause) or are not counted ('not_counted').
 */
export interface PlanSettings {
	topicCluster: 'extra_regular' | 'not_counted';
}
export const DEFAULT_PLAN_SETTINGS: PlanSettings = { topicCluster: 'extra_regular' };

export function regularAssessmentCount(
	subject: { assessment: 'score' | 'comment'; periodsPerYear: number; hasTopicCluster?: boolean },
	settings: PlanSettings = DEFAULT_PLAN_SETTINGS
): number {
	const { assessment, periodsPerYear } = subject;
	if (assessment !== 'score' && assessment !== 'comment') {
		throw new RangeError("assessment must be 'score' or 'comment'");
	}
	if (!Number.isInteger(periodsPerYear) || periodsPerYear <= 0) {
		throw new RangeError('periodsPerYear must be a positive integer');
	}
	const extra = subject.hasTopicCluster && settings.topicCluster === 'extra_regular' ? 1 : 0;
	if (assessment === 'comment') return 2 + extra;
	if (periodsPerYear <= 35) return 2 + extra;
	if (periodsPerYear <= 70) return 3 + extra;
	return 4 + extra;
}
