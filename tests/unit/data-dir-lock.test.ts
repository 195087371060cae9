import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/lib/server/db/data-dir-lock';

/** Issue 8, item 9: after `kill -9` the next start takes the lock of a dead owner at once. */
const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A data directory whose fresh (not yet stale) lock belongs to `owner`. */
function lockedDataDir(owner: { pid: number; host: string }) {
	const root = mkdtempSync(path.join(tmpdir(), 'trs-lock-'));
	dirs.push(root);
	mkdirSync(path.join(root, 'portal.lock'));
	writeFileSync(path.join(root, 'portal.lock', 'owner.json'), JSON.stringify(owner));
	return root;
}

/** The pid of a process that has exited. */
function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
	return Number(child.stdout.toString());
}

describe('the data directory lock', () => {
	it('is taken over at once from an owner on this host whose process is dead', async () => {
		const root = lockedDataDir({ pid: deadPid(), host: hostname() });
		const release = await lockDataDir(root, () => {});
		const owner = JSON.parse(readFileSync(path.join(root, 'portal.lock', 'owner.json'), 'utf8'));
		expect(owner).toEqual({ pid: process.pid, host: hostname() });
		await release();
	});

	it('is refused while its owner is alive, or on another host, or unknown', async () => {
		for (const owner of [
			{ pid: process.ppid, host: hostname() },
			{ pid: deadPid(), host: 'another-host' }
		]) {
			const root = lockedDataDir(owner);
			await expect(lockDataDir(root, () => {})).rejects.toBeInstanceOf(DataDirLockedError);
		}
		const root = lockedDataDir({ pid: 1, host: hostname() });
		rmSync(path.join(root, 'portal.lock', 'owner.json'));
		await expect(lockDataDir(root, () => {})).rejects.toBeInstanceOf(DataDirLockedError);
	});

	it('is refused to a second lock in the same process', async () => {
		const root = mkdtempSync(path.join(tmpdir(), 'trs-lock-'));
		dirs.push(root);
		const release = await lockDataDir(root, () => {});
		await expect(lockDataDir(root, () => {})).rejects.toBeInstanceOf(DataDirLockedError);
		await release();
	});
});
