/**
 * A school's grading settings in one object: each field is a reading the domain notes mark UNCERTAIN
 * (or a convention the circular does not state), with the recommended reading as the default. The
 * rules take the part they need as their optional last argument; see each module's header for why.
 */
import type { Rounding } from './decimal';
import type { Adjustment } from './secondary';

export interface GradingSettings {
	/** secondary.ts: how an average exactly half-way between two tenths is rounded. */
	rounding: Rounding;
	/** secondary.ts: Circular 22, Art. 9(3), which "adjacent level" the one-subject adjustment gives. */
	adjustment: Adjustment;
	/** gradebook.ts: year averages from the rounded (as printed) or the exact semester averages. */
	semesterAverages: 'rounded' | 'exact';
	/** plan.ts: a THPT learning topic cluster counts as one extra regular assessment, or not at all. */
	topicCluster: 'extra_regular' | 'not_counted';
	/** promotion.ts: re-tests in the same summer as conduct training when both are Chưa đạt. */
	retestWithConductTraining: boolean;
	/** primary.ts: Khoa học has periodic tests in grades 4-5 (Circular 27, Art. 7). */
	scienceTested: boolean;
}

export const DEFAULT_GRADING_SETTINGS: GradingSettings = {
	rounding: 'half_up',
	adjustment: 'one_step_up',
	semesterAverages: 'rounded',
	topicCluster: 'extra_regular',
	retestWithConductTraining: true,
	scienceTested: true
};
