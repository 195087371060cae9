import * as m from '$lib/paraglide/messages';
import { levelLabel } from '$lib/i18n/labels';
import { foldText } from '$lib/text';

/**
 * What a filtered dashboard shows, in words (issue 9, point 6): the title of the page and of its
 * exports names the filter instead of "the whole province".
 */
export interface ScopeFilters {
	area?: number | null;
	level?: string | null;
	wave?: number | null;
}

/** "Văn Yên · THCS · Đợt 2", or null when nothing is filtered. */
export function dashboardScope(
	f: ScopeFilters,
	areas: { id: number; name: string }[],
	waves: { id: number; name: string }[]
): string | null {
	const parts = [
		f.area ? (areas.find((a) => a.id === f.area)?.name ?? `#${f.area}`) : null,
		f.level ? levelLabel(f.level) : null,
		f.wave ? (waves.find((w) => w.id === f.wave)?.name ?? `#${f.wave}`) : null
	].filter((p): p is string => !!p);
	return parts.length ? parts.join(' · ') : null;
}

/** The dashboard's title: the whole scope of the caller, or the filter it shows. */
export function dashboardTitle(isArea: boolean, scope: string | null): string {
	if (!scope) return isArea ? m.org_area_home() : m.org_department_home();
	return m.rollout_dashboard_filtered({ scope });
}

/** A file-name piece for the scope ("van-yen-thcs-dot-2"), empty when unfiltered. */
export function scopeSlug(scope: string | null): string {
	if (!scope) return '';
	return foldText(scope)
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
}
