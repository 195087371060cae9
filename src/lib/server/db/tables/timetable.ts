import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, DateString, Json, Timestamp } from '../schema';

export type TimetableSessions = 'morning' | 'both';
export type TimetableStatus = 'generating' | 'draft' | 'published' | 'cancelled' | 'failed';
export type TimetableCellKind = 'lesson' | 'flag' | 'meeting';
export type TimetableCoverKind = 'substitute' | 'self_study' | 'merged';

export interface TimetableSettingsTable {
	school_id: number;
	days: Generated<number>;
	sessions: Generated<TimetableSessions>;
	periods_per_session: Generated<number>;
	/** most periods a day (own and covers) a substitute is proposed for (0111) */
	cover_daily_max: Generated<number>;
	/** start of each period of the day, minutes after midnight; null: the default day (0300) */
	bell_starts: number[] | null;
	/** length of a period in minutes (0300) */
	period_minutes: Generated<number>;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

export interface TimetableRequirementsTable {
	school_id: number;
	class_id: number;
	subject_id: number;
	periods_per_week: number;
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

/** What the generator reports about a stored version. */
export interface TimetableFigures {
	placedPeriods: number;
	totalPeriods: number;
	hardViolations: number;
	softPenalty: number;
	teacherGaps: number;
	iterations: number;
	elapsedMs: number;
}

export interface UnplacedPeriods {
	lesson: string;
	classId: number;
	subjectId: number;
	periods: number;
}

export interface TimetableVersionsTable {
	id: Generated<number>;
	school_id: number;
	semester_id: number;
	status: Generated<TimetableStatus>;
	problem: Json<unknown>;
	seed: number;
	time_limit_seconds: number;
	job_id: number | null;
	figures: Json<TimetableFigures> | null;
	unplaced: ColumnType<
		UnplacedPeriods[],
		string | UnplacedPeriods[] | undefined,
		string | UnplacedPeriods[]
	>;
	error: string | null;
	effective_from: DateString | null;
	created_at: CreatedAt;
	created_by: number | null;
	published_at: Date | null;
	published_by: number | null;
	version: Generated<number>;
	/** the version this one was copied or generated from (0110) */
	based_on: number | null;
	edited_at: Date | null;
	edited_by: number | null;
}

export interface TimetableCellsTable {
	version_id: number;
	school_id: number;
	class_id: number;
	subject_id: number;
	staff_id: number;
	kind: Generated<TimetableCellKind>;
	day: number;
	period: number;
	/** kept where it is when the timetable is generated again (0110) */
	locked: Generated<boolean>;
}

export interface TimetableAbsencesTable {
	id: Generated<number>;
	school_id: number;
	staff_id: number;
	starts_on: DateString;
	ends_on: DateString;
	/** periods of each day (0-based); null: whole days */
	periods: number[] | null;
	reason: string | null;
	created_at: CreatedAt;
	created_by: number | null;
}

export interface TimetableCoversTable {
	id: Generated<number>;
	school_id: number;
	absence_id: number;
	day: DateString;
	period: number;
	class_id: number;
	subject_id: number;
	absent_staff_id: number;
	/** the substitute; null for self-study or a merged class (0231) */
	staff_id: number | null;
	kind: Generated<TimetableCoverKind>;
	/** the class this one joins for the lesson (kind 'merged') */
	merged_class_id: number | null;
	created_at: CreatedAt;
	created_by: number | null;
}

/** The slots where a teacher cannot teach (0230): day * 16 + period. */
export interface TimetableUnavailabilityTable {
	school_id: number;
	staff_id: number;
	slots: number[];
	updated_at: Timestamp;
	updated_by: number | null;
	version: Generated<number>;
}

/** A user's private calendar feed (0260): the SHA-256 of the secret in its link. */
export interface TimetableFeedsTable {
	user_id: number;
	token_hash: string;
	created_at: Timestamp;
}

export type RoomType = 'lab' | 'computer' | 'gym' | 'yard' | 'other';

/** A special room of a school (0301). */
export interface TimetableRoomsTable {
	id: Generated<number>;
	school_id: number;
	name: string;
	type: RoomType;
	capacity: number | null;
	created_at: CreatedAt;
	created_by: number | null;
}

/** A subject of the school that needs a room of a type (0301). */
export interface TimetableSubjectRoomsTable {
	school_id: number;
	subject_id: number;
	room_type: RoomType;
	updated_at: Timestamp;
	updated_by: number | null;
}

export interface TimetableTables {
	timetable_rooms: TimetableRoomsTable;
	timetable_subject_rooms: TimetableSubjectRoomsTable;
	timetable_settings: TimetableSettingsTable;
	timetable_requirements: TimetableRequirementsTable;
	timetable_versions: TimetableVersionsTable;
	timetable_cells: TimetableCellsTable;
	timetable_absences: TimetableAbsencesTable;
	timetable_covers: TimetableCoversTable;
	timetable_unavailability: TimetableUnavailabilityTable;
	timetable_feeds: TimetableFeedsTable;
}
