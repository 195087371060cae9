import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * pglite-socket 0.2.17 queues each protocol message on its own and, outside a transaction, runs the
 * next message of whichever connection comes first. `pg` sends a parameterised query as Parse, Bind,
 * Describe, Execute, Sync: when two connections query at once, the Parse of one can land between
 * the Parse and Bind of the other ("bind message supplies 1 parameters, but prepared statement ""
 * requires 4", seen under concurrent API batches). This keeps a connection's extended-protocol
 * sequence together, up to its Sync, as the library already does for a whole transaction. It also
 * frees the queue after a failed message (the library left it stuck) and after a connection that
 * leaves mid-sequence.
 */
interface QueueItem {
	handlerId: number;
	message: Uint8Array;
	resolve: (bytes: number) => void;
	reject: (err: unknown) => void;
	onData: (data: Uint8Array) => void;
}
interface Queue {
	queue: QueueItem[];
	processing: boolean;
	lastHandlerId: number | null;
	db: {
		isInTransaction(): boolean;
		runExclusive<T>(fn: () => Promise<T>): Promise<T>;
		execProtocolRawStream(
			message: Uint8Array,
			options: { onRawData: (data: Uint8Array) => void }
		): Promise<unknown>;
	};
	processQueue(): Promise<void>;
	clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q' (simple query protocol: one message)

export function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
	const q = (server as unknown as { queryQueue: Queue }).queryQueue;
	let inSequence = false;
	const next = (): QueueItem | null => {
		if (q.lastHandlerId !== null && (inSequence || q.db.isInTransaction())) {
			const i = q.queue.findIndex((item) => item.handlerId === q.lastHandlerId);
			return i === -1 ? null : q.queue.splice(i, 1)[0];
		}
		return q.queue.shift() ?? null;
	};
	q.processQueue = async function processQueue() {
		if (q.processing || q.queue.length === 0) return;
		q.processing = true;
		try {
			for (let item = next(); item; item = next()) {
				let bytes = 0;
				try {
					await q.db.runExclusive(() =>
						q.db.execProtocolRawStream(item!.message, {
							onRawData: (data) => {
								bytes += data.length;
								item!.onData(data);
							}
						})
					);
				} catch (err) {
					inSequence = false;
					item.reject(err);
					continue;
				}
				const type = item.message[0];
				inSequence = type !== SYNC && type !== QUERY;
				q.lastHandlerId = item.handlerId;
				item.resolve(bytes);
			}
		} finally {
			q.processing = false;
		}
	};
	const clearTransaction = q.clearTransactionIfNeeded.bind(q);
	q.clearTransactionIfNeeded = async (handlerId: number) => {
		if (q.lastHandlerId === handlerId && inSequence) {
			inSequence = false;
			if (!q.db.isInTransaction()) q.lastHandlerId = null;
		}
		await clearTransaction(handlerId);
		await q.processQueue();
	};
}
