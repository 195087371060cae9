import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from '../schema';

/** Activation codes and privacy consents of parents' accounts (migration 0050). */
export interface ActivationCodesTable {
	id: Generated<number>;
	user_id: number;
	school_id: number;
	guardian_id: number | null;
	staff_id: number | null;
	code_hash: string;
	expires_at: Date;
	used_at: Date | null;
	revoked_at: Date | null;
	created_at: CreatedAt;
	created_by: number | null;
	/** An e-mailed confirmation link waiting (migration 0251): SHA-256 of its token. */
	confirm_hash: string | null;
	/** The password chosen at /activate, set when the link is opened. */
	confirm_password_hash: string | null;
	confirm_until: Date | null;
}

export interface PrivacyConsentsTable {
	id: Generated<number>;
	user_id: number;
	notice_version: string;
	student_ids: Generated<number[]>;
	accepted_at: Generated<Date>;
	ip: string | null;
	user_agent: string | null;
}

export interface AccountTables {
	activation_codes: ActivationCodesTable;
	privacy_consents: PrivacyConsentsTable;
	guardian_link_requests: GuardianLinkRequestsTable;
}

export type LinkRequestStatus = 'pending' | 'accepted' | 'refused' | 'cancelled' | 'withheld';

/**
 * A school's request to link an existing account as a guardian (migration 0150) or as a staff
 * member offered `roles` (0151): exactly one of `guardian_id` and `staff_id` is set.
 */
export interface GuardianLinkRequestsTable {
	id: Generated<number>;
	school_id: number;
	guardian_id: number | null;
	staff_id: number | null;
	roles: ColumnType<string[], string[] | undefined, string[]>;
	user_id: number;
	status: Generated<LinkRequestStatus>;
	created_at: CreatedAt;
	created_by: number | null;
	answered_at: Date | null;
	/** The address the school typed (migration 0200). */
	email: string | null;
	/** The slip's decoy code (HMAC) of an existing account's invitation (migration 0251). */
	code_hash: string | null;
	code_expires_at: Date | null;
}
