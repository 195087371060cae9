/**
 * Typed errors of the services. Routes map them: ConflictError to a "reload and edit again"
 * message (409), DomainError to a message beside the form (400). Missing or out-of-scope rows are
 * answered with SvelteKit's error(404) directly by auth/access.ts.
 */
export class ConflictError extends Error {
	constructor(
		public readonly entity: string,
		public readonly id: string | number
	) {
		super(`${entity} ${id} was changed by someone else`);
	}
}

/** A business rule refused the change; `code` is a message-catalogue key. */
export class DomainError extends Error {
	constructor(
		public readonly code: string,
		public readonly params: Record<string, string | number> = {}
	) {
		super(code);
	}
}

/** A business rule refused one field of a form (`code` is a message-catalogue key). */
export class FieldError extends DomainError {
	constructor(
		public readonly field: string,
		code: string,
		params: Record<string, string | number> = {}
	) {
		super(code, params);
	}
}
