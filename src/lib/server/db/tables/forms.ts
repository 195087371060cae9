import type { CreatedAt } from '../schema';

/** One-time answers of idempotent POSTs, found by a hash of user, action and form key (0210). */
export interface FormKeysTable {
	key_hash: Uint8Array;
	user_id: number;
	result: Uint8Array | null;
	created_at: CreatedAt;
}

export interface FormTables {
	form_keys: FormKeysTable;
}
