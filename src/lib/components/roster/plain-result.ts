/** The outcome of a plain (non-superforms) action, if the action data is one. */
export function plainResult(form: unknown): { error?: string; done?: string } | null {
	if (!form || typeof form !== 'object') return null;
	const f = form as { error?: unknown; done?: unknown };
	if (typeof f.error === 'string') return { error: f.error };
	if (typeof f.done === 'string') return { done: f.done };
	return null;
}
