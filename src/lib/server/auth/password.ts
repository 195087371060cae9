import { hash, verify } from '@node-rs/argon2';

// argon2id (the library default algorithm) with the OWASP-recommended minimum parameters.
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// Verifying against a fixed hash keeps the answer time the same for unknown accounts.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
	dummyHash ??= hashPassword('not-a-real-password-0');
	await verifyPassword(await dummyHash, password);
}
