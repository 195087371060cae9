import type { Json } from '../schema';

/** Answers of form posts kept for their redirect (migration 0151, `server/http/post-answers.ts`). */
export interface PostAnswersTable {
	id: string;
	session_id: string;
	body: Uint8Array;
	headers: Json<Record<string, string>>;
	expires_at: Date;
}

export interface HttpTables {
	post_answers: PostAnswersTable;
}
