/** Shapes the usage pages pass to their components (from $lib/server/usage, serialised). */
export interface TeacherSchoolView {
	staffId: number;
	schoolId: number;
	schoolName: string;
	level: string;
	platforms: { id: number; code: string; nameVi: string; nameEn: string; deployed: boolean }[];
	classes: { id: number; name: string; students: number }[];
}

export interface EntryView {
	id: number;
	occurred_on: string;
	periods: number | null;
	minutes: number | null;
	students: number | null;
	note: string | null;
	source: string;
	created_at: Date;
	platform_vi: string;
	platform_en: string;
	class_names: string | null;
	editable: boolean;
}
