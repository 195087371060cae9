import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Post/Redirect/Get (issue 9, item 10): without JavaScript, reloading after a successful form POST
 * must not send it again. So every form action of `src/routes` ends a success with a redirect (303,
 * `savedRedirect(url, key)` or `redirect(...)`), never by returning data. Failures return `fail`
 * (`formFailure`, `plainFailure`, `plainInvalid`, `setError`, an error `message`, a helper named
 * `…Failure`/`…Error`/`…Invalid`, a prepared `x.failure`). Only the few
 * POSTs that must show a one-time value return it, and they are idempotent (a form key): they are
 * the allow-list below.
 *
 * The test reads the source: each `export const actions` of a `+page.server.ts`, through
 * `guardedActions(scope, {...})`, `guardedAction(scope, fn)`, local functions and imported
 * factories (`importPage(...)`, `itemActions`), and follows every `return` of each action (into the
 * local or imported functions it returns).
 */
const ROOT = resolve(__dirname, '../..');

/** `file#action`: success returns data on purpose (a one-time value behind a form key). */
const ALLOW: Record<string, string> = {
	'src/routes/(app)/department/api-tokens/+page.server.ts#create':
		'shows the new token once; idempotent by form key',
	'src/routes/(app)/schools/[schoolId=id]/api-tokens/+page.server.ts#create':
		'shows the new token once; idempotent by form key',
	'src/routes/(print)/schools/[schoolId=id]/slips/+page.server.ts#invite':
		'prints activation codes once; idempotent by form key',
	'src/routes/(print)/schools/[schoolId=id]/slips/+page.server.ts#reissue':
		'prints a new activation code once; idempotent by form key',
	'src/routes/(app)/schools/[schoolId=id]/staff/[staffId=id]/+page.server.ts#createAccount':
		'shows a generated password once; idempotent by form key (roster/account-actions.ts)',
	'src/routes/(app)/schools/[schoolId=id]/staff/[staffId=id]/+page.server.ts#resetPassword':
		'shows a generated password once; idempotent by form key',
	'src/routes/(app)/schools/[schoolId=id]/guardians/[guardianId=id]/+page.server.ts#createAccount':
		'shows a generated password once; idempotent by form key',
	'src/routes/(app)/schools/[schoolId=id]/guardians/[guardianId=id]/+page.server.ts#resetPassword':
		'shows a generated password once; idempotent by form key',
	'src/routes/(app)/parent/timetable/[studentId=id]/+page.server.ts#feed':
		'shows the new calendar link once; idempotent by form key',
	'src/routes/(app)/teacher/timetable/+page.server.ts#feed':
		'shows the new calendar link once; idempotent by form key',
	'src/routes/(app)/schools/[schoolId=id]/timetable/[versionId=id]/edit/+page.server.ts#check':
		'a read-only check of a planned move: changes nothing, so re-sending it is harmless',
	'src/routes/(app)/schools/[schoolId=id]/timetable/fet/+page.server.ts#preview':
		'a read-only preview of an uploaded .fet file: changes nothing, so re-sending it is harmless'
};

const FAILURES = new Set([
	'fail',
	'formFailure',
	'plainFailure',
	'plainInvalid',
	'setError',
	'error',
	'redirect',
	'savedRedirect'
]);
const TERMINAL_CALLS = new Set(['redirect', 'savedRedirect', 'error']);

const sources = new Map<string, ts.SourceFile>();
function sourceOf(file: string): ts.SourceFile {
	let sf = sources.get(file);
	if (!sf) {
		sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		sources.set(file, sf);
	}
	return sf;
}

function walkFiles(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) walkFiles(path, out);
		else if (name === '+page.server.ts') out.push(path);
	}
	return out;
}

function unwrap(e: ts.Expression): ts.Expression {
	while (
		ts.isParenthesizedExpression(e) ||
		ts.isAwaitExpression(e) ||
		ts.isAsExpression(e) ||
		ts.isSatisfiesExpression(e) ||
		ts.isNonNullExpression(e)
	)
		e = e.expression;
	return e;
}

function calleeName(call: ts.CallExpression): string | null {
	const c = call.expression;
	if (ts.isIdentifier(c)) return c.text;
	if (ts.isPropertyAccessExpression(c)) return c.name.text;
	return null;
}

/** The file an import specifier points to (`$lib/...`, relative), or null for a package. */
function resolveImport(from: string, spec: string): string | null {
	let base: string;
	if (spec.startsWith('$lib/')) base = join(ROOT, 'src/lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			/* next */
		}
	}
	return null;
}

type Found = { file: string; node: ts.Node };

/** The declaration `name` stands for in `file`: a local function or const, or an import's. */
function declarationOf(file: string, name: string, depth = 0): Found | null {
	if (depth > 5) return null;
	const sf = sourceOf(file);
	for (const st of sf.statements) {
		if (ts.isFunctionDeclaration(st) && st.name?.text === name) return { file, node: st };
		if (ts.isVariableStatement(st))
			for (const d of st.declarationList.declarations)
				if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer)
					return { file, node: d.initializer };
		// a re-export (`export { plainAction } from './forms'` in an index)
		if (
			ts.isExportDeclaration(st) &&
			st.moduleSpecifier &&
			st.exportClause &&
			ts.isNamedExports(st.exportClause)
		)
			for (const el of st.exportClause.elements)
				if (el.name.text === name) {
					const target = resolveImport(file, (st.moduleSpecifier as ts.StringLiteral).text);
					if (!target) return null;
					return declarationOf(target, (el.propertyName ?? el.name).text, depth + 1);
				}
		if (ts.isImportDeclaration(st) && st.importClause?.namedBindings) {
			const nb = st.importClause.namedBindings;
			if (!ts.isNamedImports(nb)) continue;
			for (const el of nb.elements)
				if (el.name.text === name) {
					const target = resolveImport(file, (st.moduleSpecifier as ts.StringLiteral).text);
					if (!target) return null;
					return declarationOf(target, (el.propertyName ?? el.name).text, depth + 1);
				}
		}
	}
	return null;
}

type Handler = { name: string; file: string; fn: ts.Node };

/** The actions an expression stands for (`guardedActions(s, {...})`, an object, a factory's). */
function actionsOf(file: string, expr: ts.Expression, out: Handler[], depth = 0): void {
	if (depth > 6) throw new Error(`${rel(file)}: actions too deep to read`);
	const e = unwrap(expr);
	if (ts.isObjectLiteralExpression(e)) {
		for (const p of e.properties) {
			if (ts.isPropertyAssignment(p))
				out.push({ name: p.name.getText(), file, fn: handlerNode(file, p.initializer) });
			else if (ts.isShorthandPropertyAssignment(p))
				out.push({ name: p.name.text, file, fn: handlerNode(file, p.name) });
			else if (ts.isMethodDeclaration(p)) out.push({ name: p.name.getText(), file, fn: p });
			else if (ts.isSpreadAssignment(p)) actionsOf(file, p.expression, out, depth + 1);
			else throw new Error(`${rel(file)}: an action the test cannot read: ${p.getText()}`);
		}
		return;
	}
	if (ts.isCallExpression(e) && calleeName(e) === 'guardedActions')
		return actionsOf(file, e.arguments[1], out, depth + 1);
	// An actions factory (`accountActions('guardian')`): the object it returns.
	if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
		const d = declarationOf(file, e.expression.text);
		const made = d && returnsOf(d.node)[0];
		if (d && made) return actionsOf(d.file, made, out, depth + 1);
	}
	if (ts.isIdentifier(e)) {
		const d = declarationOf(file, e.text);
		if (!d) throw new Error(`${rel(file)}: cannot find ${e.text}`);
		return actionsOf(d.file, d.node as ts.Expression, out, depth + 1);
	}
	// `page.actions` where `page = factory(...)`: the factory's returned object's `actions`.
	if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
		const d = declarationOf(file, e.expression.text);
		const call = d && unwrap(d.node as ts.Expression);
		if (d && call && ts.isCallExpression(call) && ts.isIdentifier(call.expression)) {
			const factory = declarationOf(d.file, call.expression.text);
			if (factory) {
				for (const r of returnsOf(factory.node)) {
					const obj = unwrap(r);
					if (!ts.isObjectLiteralExpression(obj)) continue;
					for (const p of obj.properties)
						if (p.name?.getText() === e.name.text && ts.isPropertyAssignment(p))
							return actionsOf(factory.file, p.initializer, out, depth + 1);
				}
			}
		}
	}
	throw new Error(`${rel(file)}: actions the test cannot read: ${e.getText()}`);
}

/** The function node of a handler: `guardedAction(scope, fn)` unwrapped, names resolved. */
function handlerNode(file: string, expr: ts.Expression): ts.Node {
	const e = unwrap(expr);
	if (ts.isCallExpression(e) && calleeName(e) === 'guardedAction')
		return handlerNode(file, e.arguments[1]);
	if (ts.isIdentifier(e)) {
		const d = declarationOf(file, e.text);
		if (!d) throw new Error(`${rel(file)}: cannot find handler ${e.text}`);
		(d.node as ts.Node & { __file?: string }).__file = d.file;
		return d.file === file ? d.node : handlerNode(d.file, d.node as ts.Expression);
	}
	if (ts.isFunctionLike(e)) return e;
	// A handler factory (`replyAction('family')`): the function it returns.
	if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
		const d = declarationOf(file, e.expression.text);
		const made = d && returnsOf(d.node)[0];
		if (d && made) return handlerNode(d.file, made);
	}
	throw new Error(`${rel(file)}: a handler the test cannot read: ${e.getText()}`);
}

function fileOfNode(node: ts.Node): string {
	return node.getSourceFile().fileName;
}

/** The `return` expressions of a function, not of the functions nested in it. */
function returnsOf(fn: ts.Node): ts.Expression[] {
	if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
	const out: ts.Expression[] = [];
	const visit = (n: ts.Node) => {
		if (n !== fn && ts.isFunctionLike(n)) return;
		if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
		ts.forEachChild(n, visit);
	};
	visit(fn);
	return out;
}

/** Whether a statement never completes normally (return, throw, redirect). */
function terminates(st: ts.Statement | undefined): boolean {
	if (!st) return false;
	if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
	if (ts.isExpressionStatement(st)) {
		const e = unwrap(st.expression);
		return ts.isCallExpression(e) && TERMINAL_CALLS.has(calleeName(e) ?? '');
	}
	if (ts.isBlock(st)) return st.statements.some((s) => terminates(s));
	if (ts.isIfStatement(st)) return terminates(st.thenStatement) && terminates(st.elseStatement);
	if (ts.isTryStatement(st))
		return (
			(terminates(st.tryBlock) && (!st.catchClause || terminates(st.catchClause.block))) ||
			(!!st.finallyBlock && terminates(st.finallyBlock))
		);
	return false;
}

function isFailureMessage(call: ts.CallExpression): boolean {
	const status = call.arguments[2];
	if (status && ts.isObjectLiteralExpression(status)) {
		for (const p of status.properties)
			if (
				ts.isPropertyAssignment(p) &&
				p.name.getText() === 'status' &&
				ts.isNumericLiteral(p.initializer) &&
				Number(p.initializer.text) >= 400
			)
				return true;
	}
	const text = call.arguments[1]?.getText() ?? '';
	return /type:\s*'error'/.test(text);
}

/** The success paths of a handler that do not redirect (a description each). */
function dataReturns(fn: ts.Node, seen = new Set<ts.Node>()): string[] {
	if (seen.has(fn)) return [];
	seen.add(fn);
	const file = fileOfNode(fn);
	const problems: string[] = [];
	const body = (fn as ts.FunctionLikeDeclaration).body;
	if (body && ts.isBlock(body) && !terminates(body))
		problems.push('ends without a redirect (returns nothing: a 200 answer)');
	const check = (expr: ts.Expression): void => {
		const e = unwrap(expr);
		if (ts.isConditionalExpression(e)) {
			check(e.whenTrue);
			check(e.whenFalse);
			return;
		}
		// `form.failure`: a prepared `fail(...)` (the messages module's forms).
		if (ts.isPropertyAccessExpression(e) && e.name.text === 'failure') return;
		if (ts.isCallExpression(e)) {
			const name = calleeName(e);
			if (name && (FAILURES.has(name) || /(Failure|Error|Invalid)$/.test(name))) return;
			if (name === 'message' && isFailureMessage(e)) return;
			if (name && ts.isIdentifier(e.expression)) {
				const d = declarationOf(file, name);
				if (d && ts.isFunctionLike(d.node)) {
					problems.push(...dataReturns(d.node, seen));
					return;
				}
			}
		}
		problems.push(`returns ${e.getText().replace(/\s+/g, ' ').slice(0, 80)}`);
	};
	returnsOf(fn).forEach(check);
	return problems;
}

function rel(file: string) {
	return relative(ROOT, file);
}

function allHandlers(): Handler[] {
	const handlers: Handler[] = [];
	for (const file of walkFiles(join(ROOT, 'src/routes'))) {
		const sf = sourceOf(file);
		for (const st of sf.statements) {
			if (!ts.isVariableStatement(st)) continue;
			if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
			for (const d of st.declarationList.declarations)
				if (ts.isIdentifier(d.name) && d.name.text === 'actions' && d.initializer) {
					const found: Handler[] = [];
					actionsOf(file, d.initializer, found);
					handlers.push(...found.map((h) => ({ ...h, file })));
				}
		}
	}
	return handlers;
}

describe('Post/Redirect/Get: every form action redirects after a success', () => {
	const handlers = allHandlers();

	it('reads every actions export of src/routes', () => {
		const withActions = walkFiles(join(ROOT, 'src/routes')).filter((f) =>
			/export const actions\b/.test(readFileSync(f, 'utf8'))
		);
		const read = new Set(handlers.map((h) => h.file));
		expect(withActions.filter((f) => !read.has(f)).map(rel)).toEqual([]);
		expect(handlers.length).toBeGreaterThan(100);
	});

	it('no success path returns data (except the allow-list of one-time values)', () => {
		const problems: string[] = [];
		for (const h of handlers) {
			const key = `${rel(h.file)}#${h.name}`;
			if (key in ALLOW) continue;
			for (const p of dataReturns(h.fn)) problems.push(`${key}: ${p}`);
		}
		expect(problems).toEqual([]);
	});

	it('the allow-list names only actions that exist and do return data', () => {
		const keys = new Map(handlers.map((h) => [`${rel(h.file)}#${h.name}`, h]));
		for (const key of Object.keys(ALLOW)) {
			const h = keys.get(key);
			expect(h, key).toBeDefined();
			expect(dataReturns(h!.fn).length, key).toBeGreaterThan(0);
		}
	});
});
