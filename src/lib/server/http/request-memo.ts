import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads that one page request repeats (the layout, the page and the service each prove the same
 * school scope; several loads need the current school year) answered once per request.
 *
 * Only for requests that change nothing (GET and HEAD): after a form action the same request
 * renders the page again, and it must read what the action wrote. Outside a request (tests,
 * jobs, scripts) nothing is remembered. Nothing outlives its request, so no user ever sees
 * another request's answer.
 */
const storage = new AsyncLocalStorage<Map<string, Promise<unknown>> | null>();

export function withRequestMemo<T>(method: string, fn: () => T): T {
	return storage.run(method === 'GET' || method === 'HEAD' ? new Map() : null, fn);
}

/** `read()` once per `key` within a read-only request; a rejection is remembered too. */
export function requestMemo<T>(key: string, read: () => Promise<T>): Promise<T> {
	const memo = storage.getStore();
	if (!memo) return read();
	let answer = memo.get(key) as Promise<T> | undefined;
	if (!answer) {
		answer = read();
		memo.set(key, answer);
	}
	return answer;
}
