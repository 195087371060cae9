import * as m from '$lib/paraglide/messages';
import { levelLabel } from '$lib/i18n/labels';
import { checklistStatusLabel } from '$lib/i18n/rollout';
import { platformStatusLabel } from '$lib/i18n/statuses';
import type { ExportLabels } from './export';

/** The export's column titles and values in the reader's language. */
export function exportLabels(): ExportLabels {
	return {
		code: m.org_school_code(),
		school: m.org_school_name(),
		area: m.org_area(),
		level: m.org_school_level(),
		wave: m.rollout_wave(),
		studentsDeclared: m.org_declared_students(),
		studentsListed: m.rollout_export_students_listed(),
		classesDeclared: m.org_declared_classes(),
		classesListed: m.rollout_export_classes_listed(),
		measuredOf: (platform) => m.rollout_export_measured_of({ platform }),
		platformsInUse: m.rollout_platforms_in_use_declared(),
		platformsMeasuredInUse: m.rollout_platforms_in_use_measured(),
		platformsTotal: m.rollout_platforms_total(),
		checklistStatus: m.rollout_checklist_status(),
		checklistDone: m.rollout_checklist_done(),
		checklistTotal: m.rollout_checklist_total(),
		checklistPercent: m.rollout_checklist_percent(),
		teachingScore: m.rollout_teaching_score(),
		teachingLevel: m.rollout_teaching_level(),
		managementScore: m.rollout_management_score(),
		managementLevel: m.rollout_management_level(),
		atRisk: m.rollout_at_risk(),
		completedOn: m.rollout_completed_on(),
		yes: m.yes(),
		no: m.no(),
		schoolLevel: levelLabel,
		platformStatus: (s) => platformStatusLabel(s),
		checklistStatusLabel: (s) => checklistStatusLabel(s)
	};
}
