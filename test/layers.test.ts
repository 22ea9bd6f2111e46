// The layer rule of docs/architecture.md, enforced: every import under
// source/ (static, `export … from` and dynamic import()) is checked against
// the "may import" cell of the doc's table, so the doc and the code cannot
// drift apart. Imports are read with the TypeScript parser (multi-line
// imports, `import type`, `import {type A}` all count right).
import test from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'source');

type Import = {spec: string; typeOnly: boolean; dynamic: boolean; line: number};
/** Per layer: the layers it may import, and whether only types. */
type Rules = Map<string, Map<string, 'all' | 'types'> | 'everything'>;

/** The imports of one file, as written. */
export function importsOf(fileName: string, text: string): Import[] {
	const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
	const found: Import[] = [];
	const line = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
	const named = (elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>) => elements.length > 0 && elements.every(e => e.isTypeOnly);
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.importClause;
			const bindings = clause?.namedBindings;
			const typeOnly = Boolean(clause && (clause.isTypeOnly || (!clause.name && bindings && ts.isNamedImports(bindings) && named(bindings.elements))));
			found.push({spec: node.moduleSpecifier.text, typeOnly, dynamic: false, line: line(node)});
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.exportClause;
			const typeOnly = node.isTypeOnly || Boolean(clause && ts.isNamedExports(clause) && named(clause.elements));
			found.push({spec: node.moduleSpecifier.text, typeOnly, dynamic: false, line: line(node)});
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
			const [arg] = node.arguments;
			found.push({spec: arg && ts.isStringLiteralLike(arg) ? arg.text : '<computed>', typeOnly: false, dynamic: true, line: line(node)});
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
			found.push({spec: node.argument.literal.text, typeOnly: true, dynamic: false, line: line(node)});
		}

		ts.forEachChild(node, visit);
	};

	visit(file);
	return found;
}

/** The rules from the doc's table: `source/x/` rows and their "may import" cell. */
export function rulesFrom(markdown: string): Rules {
	const rules: Rules = new Map();
	for (const row of markdown.split('\n').filter(l => l.startsWith('| `source/'))) {
		const cells = row.split('|').map(c => c.trim());
		const folder = /^`source\/(?:([a-z-]+)\/|\*\.ts\(x\))`$/.exec(cells[1] ?? '');
		assert.ok(folder, `docs/architecture.md: cannot read the folder cell of: ${row}`);
		const layer = folder[1] ?? 'top';
		const cell = cells[3] ?? '';
		if (cell === 'everything') {
			rules.set(layer, 'everything');
			continue;
		}

		const allowed = new Map<string, 'all' | 'types'>();
		if (cell !== 'nothing of ours') {
			for (const item of cell.split(',').map(s => s.trim())) {
				const m = /^([a-z-]+)( \(types only\))?$/.exec(item);
				assert.ok(m, `docs/architecture.md: cannot read "${item}" in the may-import cell of ${layer}`);
				allowed.set(m[1], m[2] ? 'types' : 'all');
			}
		}

		rules.set(layer, allowed);
	}

	return rules;
}

/** The layer of a path under source/: its first folder, or 'top' for files in source/ itself. */
function layerOf(path: string): string {
	const parts = relative(sourceDir, path).split(sep);
	if (parts[0] === '..') return 'outside';
	return parts.length === 1 ? 'top' : parts[0];
}

/** Every broken rule, one sentence each ("source/ui/x.tsx:3 imports wire/y.js (a value) …"). */
export function violations(files: ReadonlyArray<{path: string; text: string}>, rules: Rules): string[] {
	const out: string[] = [];
	for (const {path, text} of files) {
		const from = layerOf(path);
		const rule = rules.get(from);
		const where = relative(root, path);
		if (!rule) {
			out.push(`${where}: its folder is not in the table of docs/architecture.md`);
			continue;
		}

		for (const imp of importsOf(path, text)) {
			if (!imp.spec.startsWith('.')) continue; // packages and node: builtins
			const target = resolve(dirname(path), imp.spec);
			const to = layerOf(target);
			const name = relative(sourceDir, target);
			if (to === 'sim' && from !== 'sim' && !(from === 'top' && imp.dynamic)) {
				out.push(`${where}:${imp.line} imports ${name}: the simulated node is reached only by a dynamic import() from source/`);
				continue;
			}

			if (to === from || rule === 'everything') continue;
			const allowed = rule.get(to);
			if (!allowed) out.push(`${where}:${imp.line} imports ${name}: ${from} may not import from ${to}`);
			else if (allowed === 'types' && !imp.typeOnly) out.push(`${where}:${imp.line} imports a value from ${name}: ${from} may import only types from ${to} (use \`import type\`)`);
		}
	}

	return out;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(name) ? [path] : [];
	});
}

const rules = rulesFrom(readFileSync(join(root, 'docs', 'architecture.md'), 'utf8'));
const at = (p: string) => join(sourceDir, p);

test('layers: the table in docs/architecture.md names every layer', () => {
	assert.deepEqual([...rules.keys()].sort(), ['commands', 'format', 'model', 'sim', 'state', 'top', 'ui', 'wire']);
	// The one-shot commands must start light: nothing that loads ink or React.
	assert.deepEqual([...(rules.get('commands') as Map<string, string>).keys()].sort(), ['format', 'model', 'wire']);
	assert.equal(rules.get('top'), 'everything');
	assert.deepEqual([...(rules.get('model') as Map<string, string>).keys()], []);
	assert.equal((rules.get('ui') as Map<string, string>).get('wire'), 'types');
});

test('layers: every import under source/ follows the table', () => {
	const files = sourceFiles(sourceDir).map(path => ({path, text: readFileSync(path, 'utf8')}));
	assert.ok(files.length > 50, `read ${files.length} files`);
	assert.deepEqual(violations(files, rules), []);
});

test('layers: the check catches what it is meant to catch', () => {
	const bad = [
		{path: at('ui/x.tsx'), text: "import {resolveLogPath} from '../wire/log-reader.js';\nimport type {CriClient} from '../wire/cri-client.js';"},
		{path: at('ui/y.tsx'), text: "import {\n\ttype A,\n\tb,\n} from '../wire/types.js';\nexport {c} from '../wire/c.js';"},
		{path: at('format/rows.ts'), text: "import type {Container} from '../wire/types.js';\nimport type {C} from '../model/cri-types.js';"},
		{path: at('model/cri-types.ts'), text: "import type {Key} from '../format/ids.js';"},
		{path: at('state/s.ts'), text: "import {App} from '../ui/app.js';\nimport type {X} from '../terminal.js';\nconst m = await import('../sim/index.js');"},
		{path: at('wire/w.ts'), text: "type T = import('../state/ui-state.js').Target;"},
		{path: at('cli.tsx'), text: "const {startSimNode} = await import('./sim/index.js');\nimport {App} from './ui/app.js';"},
		{path: at('print.ts'), text: "import {startSimNode} from './sim/index.js';"},
	];
	assert.deepEqual(violations(bad, rules), [
		'source/ui/x.tsx:1 imports a value from wire/log-reader.js: ui may import only types from wire (use `import type`)',
		'source/ui/y.tsx:1 imports a value from wire/types.js: ui may import only types from wire (use `import type`)',
		'source/ui/y.tsx:5 imports a value from wire/c.js: ui may import only types from wire (use `import type`)',
		'source/format/rows.ts:1 imports wire/types.js: format may not import from wire',
		'source/model/cri-types.ts:1 imports format/ids.js: model may not import from format',
		'source/state/s.ts:1 imports ui/app.js: state may not import from ui',
		'source/state/s.ts:2 imports terminal.js: state may not import from top',
		'source/state/s.ts:3 imports sim/index.js: the simulated node is reached only by a dynamic import() from source/',
		'source/wire/w.ts:1 imports state/ui-state.js: wire may not import from state',
		'source/print.ts:1 imports sim/index.js: the simulated node is reached only by a dynamic import() from source/',
	]);
});

test('no lint-disable comments: no linter is configured, so a disable comment silences nothing and only misleads', () => {
	const marker = ['eslint', 'disable'].join('-');
	const files = [...sourceFiles(sourceDir), ...sourceFiles(join(root, 'test'))];
	const found = files.filter(path => readFileSync(path, 'utf8').includes(marker)).map(path => relative(root, path));
	assert.deepEqual(found, []);
});
