import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { DB } from '../db';
import type { Principal } from '../auth/session';
import { requireDepartment, requireSchool, type ApiTokenScope, notFound } from '../auth/access';
import { writeAudit } from '../audit';
import { fieldError } from '../errors';
import type { ApiTokenPurpose } from '../db/tables/usage';

/**
 * API tokens of the platforms that report usage. Like session tokens (lucia-auth.com guide): a
 * random secret shown once, only its SHA-256 stored. Revocable; the last use is recorded.
 */
const PREFIX = 'trs_';
const TOUCH_EVERY_MS = 60_000;

export function generateApiToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return PREFIX + encodeBase32LowerCaseNoPadding(bytes);
}

export function hashApiToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | null): string | null {
	const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header ?? '');
	return match ? match[1] : null;
}

/** The scope of a valid, unrevoked token, or null. Records the last use (at most once a minute). */
export async function validateApiToken(db: DB, token: string): Promise<ApiTokenScope | null> {
	if (!token.startsWith(PREFIX)) return null;
	const row = await db
		.selectFrom('usage_api_tokens')
		.select([
			'id',
			'school_id',
			'department_id',
			'platform_id',
			'purpose',
			'created_by',
			'last_used_at',
			'revoked_at'
		])
		.where('token_hash', '=', hashApiToken(token))
		.executeTakeFirst();
	if (!row || row.revoked_at) return null;
	if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
		await db
			.updateTable('usage_api_tokens')
			.set({ last_used_at: new Date() })
			.where('id', '=', row.id)
			.execute();
	}
	return {
		tokenId: row.id,
		schoolId: row.school_id,
		departmentId: row.department_id,
		platformId: row.platform_id,
		purpose: row.purpose,
		createdBy: row.created_by
	};
}

async function requirePlatform(db: DB, platformId: number) {
	const platform = await db
		.selectFrom('platforms')
		.select(['id', 'code'])
		.where('id', '=', platformId)
		.where('retired_at', 'is', null)
		.executeTakeFirst();
	if (!platform) throw fieldError('platformId', 'usage_token_platform_required');
	return platform;
}

export interface NewToken {
	name: string;
	platformId: number;
	/** 'usage' (default) or, for a school token, 'grades' (migration 0280) */
	purpose?: ApiTokenPurpose;
}

async function insertToken(
	db: DB,
	principal: Principal,
	scope: { schoolId: number | null; departmentId: number | null; platformId: number | null },
	name: string,
	purpose: ApiTokenPurpose = 'usage'
) {
	const token = generateApiToken();
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('usage_api_tokens')
			.values({
				name,
				token_hash: hashApiToken(token),
				token_prefix: token.slice(0, PREFIX.length + 6),
				school_id: scope.schoolId,
				department_id: scope.departmentId,
				platform_id: scope.platformId,
				purpose,
				created_by: principal.userId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'create',
			entity: 'usage_api_token',
			entityId: row.id,
			schoolId: scope.schoolId,
			after: { name, purpose, platformId: scope.platformId, departmentId: scope.departmentId }
		});
		return { id: row.id, token };
	});
}

/**
 * A token for one school: usage of every platform, or of one; or (purpose 'grades') the school's
 * grades API, never tied to a platform. The secret is returned once, never stored.
 */
export async function createSchoolToken(
	db: DB,
	principal: Principal,
	schoolId: number,
	input: NewToken
) {
	await requireSchool(db, principal, schoolId, 'usage.tokens');
	const purpose = input.purpose ?? 'usage';
	if (purpose === 'grades' && input.platformId)
		throw fieldError('platformId', 'usage_token_grades_no_platform');
	const platformId = input.platformId ? (await requirePlatform(db, input.platformId)).id : null;
	return insertToken(
		db,
		principal,
		{ schoolId, departmentId: null, platformId },
		input.name,
		purpose
	);
}

/** A department token: one platform across the department's schools. */
export async function createDepartmentToken(db: DB, principal: Principal, input: NewToken) {
	const departmentId = requireDepartment(principal, 'usage.department_tokens');
	if (!input.platformId) throw fieldError('platformId', 'usage_token_platform_required');
	const platform = await requirePlatform(db, input.platformId);
	return insertToken(
		db,
		principal,
		{ schoolId: null, departmentId, platformId: platform.id },
		input.name
	);
}

function tokenList(db: DB) {
	return db
		.selectFrom('usage_api_tokens as t')
		.leftJoin('platforms as p', 'p.id', 't.platform_id')
		.innerJoin('users as u', 'u.id', 't.created_by')
		.select([
			't.id',
			't.name',
			't.token_prefix',
			't.purpose',
			't.created_at',
			't.last_used_at',
			't.revoked_at',
			'p.name_vi as platform_vi',
			'p.name_en as platform_en',
			'u.name as created_by_name'
		])
		.orderBy('t.revoked_at', (ob) => ob.desc().nullsFirst())
		.orderBy('t.created_at', 'desc');
}

export async function listSchoolTokens(db: DB, principal: Principal, schoolId: number) {
	await requireSchool(db, principal, schoolId, 'usage.tokens');
	return tokenList(db).where('t.school_id', '=', schoolId).execute();
}

export async function listDepartmentTokens(db: DB, principal: Principal) {
	const departmentId = requireDepartment(principal, 'usage.department_tokens');
	return tokenList(db).where('t.department_id', '=', departmentId).execute();
}

async function revoke(
	db: DB,
	principal: Principal,
	tokenId: number,
	scope: { schoolId: number } | { departmentId: number }
) {
	await db.transaction().execute(async (trx) => {
		let q = trx
			.updateTable('usage_api_tokens')
			.set({ revoked_at: new Date(), revoked_by: principal.userId })
			.where('id', '=', tokenId)
			.where('revoked_at', 'is', null);
		q =
			'schoolId' in scope
				? q.where('school_id', '=', scope.schoolId)
				: q.where('department_id', '=', scope.departmentId);
		const row = await q.returning(['id', 'school_id']).executeTakeFirst();
		if (!row) notFound();
		await writeAudit(trx, {
			actorUserId: principal.userId,
			action: 'revoke',
			entity: 'usage_api_token',
			entityId: row.id,
			schoolId: row.school_id
		});
	});
}

export async function revokeSchoolToken(
	db: DB,
	principal: Principal,
	schoolId: number,
	tokenId: number
) {
	await requireSchool(db, principal, schoolId, 'usage.tokens');
	await revoke(db, principal, tokenId, { schoolId });
}

export async function revokeDepartmentToken(db: DB, principal: Principal, tokenId: number) {
	const departmentId = requireDepartment(principal, 'usage.department_tokens');
	await revoke(db, principal, tokenId, { departmentId });
}
