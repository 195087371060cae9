import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {}

/**
 * The exclusive lock of an embedded data directory (PGlite has none of its own). proper-lockfile
 * creates the directory `portal.lock` and keeps its mtime fresh; a lock is stale only after 15 s
 * without update. Its owner (pid and host) is written inside the lock directory when it is created,
 * so that after a `kill -9` the next start on the same host sees the owner is dead and takes the
 * lock at once instead of waiting for it to go stale.
 */
const OWNER_FILE = 'owner.json';
/** Lock directories this process holds: never "taken over" from ourselves. */
const held = new Set<string>();

interface Owner {
	pid: number;
	host: string;
}

/** fs for proper-lockfile: the owner file is written in the same step as the lock directory. */
const ownedFs = {
	...fs,
	mkdir(dir: string, callback: (err: NodeJS.ErrnoException | null) => void) {
		fs.mkdir(dir, (err) => {
			if (err) return callback(err);
			const owner: Owner = { pid: process.pid, host: hostname() };
			fs.writeFile(path.join(dir, OWNER_FILE), JSON.stringify(owner), (err) => callback(err));
		});
	},
	rmdir(dir: string, callback: (err: NodeJS.ErrnoException | null) => void) {
		fs.rm(dir, { recursive: true }, callback);
	},
	rmdirSync(dir: string) {
		fs.rmSync(dir, { recursive: true });
	}
};

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Whether the lock's owner is known to be gone: it ran on this host and its pid is not alive (or is
 * ours: a container restarted with the same pid). Unknown owner (file not written yet): not gone.
 */
export function isOwnerGone(lockDir: string): boolean {
	let owner: Owner;
	try {
		owner = JSON.parse(fs.readFileSync(path.join(lockDir, OWNER_FILE), 'utf8'));
	} catch {
		return false;
	}
	if (held.has(lockDir) || owner.host !== hostname() || !Number.isInteger(owner.pid)) return false;
	return owner.pid === process.pid || !isAlive(owner.pid);
}

export async function lockDataDir(
	root: string,
	onLockLost: (err: Error) => void
): Promise<() => Promise<void>> {
	const lockDir = path.join(root, 'portal.lock');
	const take = async () => {
		const release = await lockfile.lock(root, {
			lockfilePath: lockDir,
			stale: 15_000,
			update: 5_000,
			retries: 0,
			fs: ownedFs,
			onCompromised: onLockLost
		});
		held.add(lockDir);
		return async () => {
			held.delete(lockDir);
			await release();
		};
	};
	try {
		return await take();
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
		if (isOwnerGone(lockDir)) {
			fs.rmSync(lockDir, { recursive: true, force: true });
			try {
				return await take();
			} catch (again) {
				if ((again as NodeJS.ErrnoException).code !== 'ELOCKED') throw again;
			}
		}
		throw new DataDirLockedError(
			`The data directory ${root} is already used by another Trường Số process. ` +
				`Stop that process, or set DATA_DIR to another directory (or DATABASE_URL to a PostgreSQL server).`
		);
	}
}
