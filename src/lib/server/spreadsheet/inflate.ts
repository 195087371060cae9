import { Inflate } from 'fflate';
import { entryData, type ZipEntry } from '../../zip';
import { SpreadsheetError } from './errors';

/** Deflated input is fed in slices this small, so one slice inflates to at most ~1 MB. */
const SLICE = 1024;

/** Bytes that may still be inflated from one archive; shared by all its parts. */
export interface InflateBudget {
	left: number;
	max: number;
}

/**
 * Inflates one zip entry, handing each piece to `onChunk` as it comes, and stops as soon as the
 * output passes the budget or the entry's declared size (declared sizes are checked first, but can
 * lie): memory and time stay bounded whatever the archive claims.
 */
export function inflateEntry(
	bytes: Uint8Array,
	entry: ZipEntry,
	budget: InflateBudget,
	onChunk: (chunk: Uint8Array) => void
): void {
	const data = entryData(bytes, entry);
	let produced = 0;
	const take = (chunk: Uint8Array) => {
		produced += chunk.length;
		budget.left -= chunk.length;
		if (budget.left < 0)
			throw new SpreadsheetError('inflates_too_much', { max: budget.max / 1024 / 1024 });
		if (produced > entry.size) throw new SpreadsheetError('unreadable');
		onChunk(chunk);
	};
	if (entry.method === 0) {
		for (let i = 0; i < data.length; i += SLICE * 64) take(data.subarray(i, i + SLICE * 64));
		return;
	}
	if (entry.method !== 8) throw new SpreadsheetError('unreadable');
	const inflate = new Inflate((chunk) => take(chunk));
	for (let i = 0; i < data.length; i += SLICE) {
		const end = Math.min(i + SLICE, data.length);
		inflate.push(data.subarray(i, end), end === data.length);
	}
	if (data.length === 0) inflate.push(new Uint8Array(0), true);
}
