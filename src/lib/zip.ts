/**
 * The central directory of a zip archive (Office Open XML files are zip archives): the list of
 * entries with their declared sizes, read without inflating anything. Searching a file's bytes for
 * a name is not enough (an archive comment or a stored file can carry any text); the central
 * directory is what unzip tools and Office read. ZIP64 archives are refused: no upload the portal
 * accepts comes near 4 GB, and a ZIP64 header in a small upload is a sign of a crafted file.
 */
export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflate */
	method: number;
	compressedSize: number;
	/** as declared by the archive: an upper bound to check, not to trust */
	size: number;
	/** offset of the local file header */
	offset: number;
}

export class ZipFormatError extends Error {}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** the end record is 22 bytes, followed by a comment of at most 65,535 bytes */
const EOCD_SEARCH = 22 + 0xffff;

function view(bytes: Uint8Array) {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndRecord(bytes: Uint8Array, dv: DataView): number {
	const lowest = Math.max(0, bytes.length - EOCD_SEARCH);
	for (let i = bytes.length - 22; i >= lowest; i--) {
		if (
			dv.getUint32(i, true) === EOCD_SIGNATURE &&
			i + 22 + dv.getUint16(i + 20, true) <= bytes.length
		)
			return i;
	}
	throw new ZipFormatError('no end of central directory');
}

/** The entries of the archive, from its central directory; throws ZipFormatError when malformed. */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
	if (bytes.length < 22) throw new ZipFormatError('too short');
	const dv = view(bytes);
	const end = findEndRecord(bytes, dv);
	const count = dv.getUint16(end + 10, true);
	const dirSize = dv.getUint32(end + 12, true);
	let at = dv.getUint32(end + 16, true);
	if (count === 0xffff || at === 0xffffffff) throw new ZipFormatError('zip64 not supported');
	if (at + dirSize > end) throw new ZipFormatError('central directory out of range');
	const names = new TextDecoder('utf-8');
	const entries: ZipEntry[] = [];
	for (let i = 0; i < count; i++) {
		if (at + 46 > end || dv.getUint32(at, true) !== CENTRAL_SIGNATURE)
			throw new ZipFormatError('bad central directory entry');
		const nameLength = dv.getUint16(at + 28, true);
		const entry: ZipEntry = {
			method: dv.getUint16(at + 10, true),
			compressedSize: dv.getUint32(at + 20, true),
			size: dv.getUint32(at + 24, true),
			name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
			offset: dv.getUint32(at + 42, true)
		};
		if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff)
			throw new ZipFormatError('zip64 not supported');
		entries.push(entry);
		at += 46 + nameLength + dv.getUint16(at + 30, true) + dv.getUint16(at + 32, true);
	}
	return entries;
}

/** The compressed bytes of one entry (located through its local header). */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
	const dv = view(bytes);
	const at = entry.offset;
	if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL_SIGNATURE)
		throw new ZipFormatError('bad local header');
	const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
	if (start + entry.compressedSize > bytes.length) throw new ZipFormatError('entry out of range');
	return bytes.subarray(start, start + entry.compressedSize);
}

/** True when the bytes are a zip archive holding every named entry. */
export function zipHasEntries(bytes: Uint8Array, required: readonly string[]): boolean {
	try {
		const names = new Set(listZipEntries(bytes).map((e) => e.name));
		return required.every((n) => names.has(n));
	} catch (e) {
		if (e instanceof ZipFormatError || e instanceof RangeError) return false;
		throw e;
	}
}
