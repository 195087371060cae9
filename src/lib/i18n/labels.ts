import * as m from '$lib/paraglide/messages';
import type { SchoolLevel } from '$lib/types';

const LEVELS: Record<SchoolLevel, () => string> = {
	MN: m.org_level_MN,
	TH: m.org_level_TH,
	THCS: m.org_level_THCS,
	THPT: m.org_level_THPT,
	TH_THCS: m.org_level_TH_THCS,
	THCS_THPT: m.org_level_THCS_THPT,
	PTDTBT_TH: m.org_level_PTDTBT_TH,
	PTDTBT_THCS: m.org_level_PTDTBT_THCS,
	PTDTBT_TH_THCS: m.org_level_PTDTBT_TH_THCS,
	PTDTNT_THCS: m.org_level_PTDTNT_THCS,
	PTDTNT_THPT: m.org_level_PTDTNT_THPT,
	PTDTNT_THCS_THPT: m.org_level_PTDTNT_THCS_THPT
};

export const SCHOOL_LEVELS = Object.keys(LEVELS) as SchoolLevel[];

export function levelLabel(level: string): string {
	return LEVELS[level as SchoolLevel]?.() ?? level;
}
