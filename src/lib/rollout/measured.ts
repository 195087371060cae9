/**
 * Declared and measured use of a platform (issue 9, point 4). The school declares a status; usage
 * data measures the share of its teachers who used the platform in the last 30 days against the
 * department's threshold (the rule of meetsThreshold in $lib/usage/adoption.ts). Both are shown;
 * neither replaces the other.
 */
import { meetsThreshold } from '../usage/adoption';
import type { PlatformStatus } from './statuses';

export interface Measurement {
	active: number;
	teachers: number;
	threshold: number;
}

/** The stored measurement of a school_platforms row, or null when not measured yet. */
export function measurementOf(row: {
	measured_active: number | null;
	measured_teachers: number | null;
	measured_threshold: number | null;
}): Measurement | null {
	if (row.measured_active === null || row.measured_teachers === null) return null;
	return {
		active: row.measured_active,
		teachers: row.measured_teachers,
		threshold: row.measured_threshold ?? 50
	};
}

export function isMeasuredInUse(m: Measurement | null): boolean {
	return m !== null && meetsThreshold(m.active, m.teachers, m.threshold);
}

/** Share of teachers in percent (whole), or null without teachers. */
export function measuredShare(m: Measurement | null): number | null {
	if (!m || m.teachers <= 0) return null;
	return Math.round((Math.min(m.active, m.teachers) * 100) / m.teachers);
}

/**
 * A declaration disagrees with the measurement when it says "in use" while fewer teachers than the
 * threshold used the platform, or says less than "in use" while at least the threshold did. Without
 * a measurement nothing disagrees.
 */
export function disagreesWithMeasurement(status: PlatformStatus, m: Measurement | null): boolean {
	if (!m) return false;
	return (status === 'in_use') !== isMeasuredInUse(m);
}
