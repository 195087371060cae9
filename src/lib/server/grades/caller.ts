import type { Actor } from '../audit';
import type { Principal } from '../auth/session';

/**
 * Who reads or writes a gradebook: a signed-in principal (the page, the API with a session) or a
 * grades API token of one school (migration 0280), which may read and enter every gradebook of
 * that school and nothing else.
 */
export interface GradesToken {
	tokenId: number;
	schoolId: number;
	/** the account that created the token: its writes are stored under it, marked as the token's */
	createdBy: number;
}

export type GradebookReader = Principal | GradesToken;

export const isGradesToken = (who: GradebookReader): who is GradesToken => 'tokenId' in who;

/** A write through a grades token (the request id ends up in audit_log, as for an Actor). */
export interface TokenActor {
	token: GradesToken;
	requestId?: string | null;
}

export type GradesActor = Actor | TokenActor;

export const readerOf = (actor: GradesActor): GradebookReader =>
	'token' in actor ? actor.token : actor.principal;

/** Who a write is stored and audited under; `via` goes into each audit row's `after`. */
export interface Writer {
	userId: number;
	requestId: string | null;
	via: Record<string, unknown>;
	/** whether the write is use of the portal by a person (usage/portal-use.ts) */
	isPerson: boolean;
}

export function writerOf(actor: GradesActor): Writer {
	if ('token' in actor)
		return {
			userId: actor.token.createdBy,
			requestId: actor.requestId ?? null,
			via: { apiTokenId: actor.token.tokenId },
			isPerson: false
		};
	return {
		userId: actor.principal.userId,
		requestId: actor.requestId ?? null,
		via: {},
		isPerson: true
	};
}
