// Exact patches of ink (applied by bundle-patches.mjs): no frame is built for a commit that
// changed nothing on the screen.
//
// ink builds the whole frame after EVERY React commit (reconciler resetAfterCommit → layout →
// every node written into a fresh grid → one string → compared with the last one). An idle
// dashboard commits on every poll and stats round even when nothing it shows moved (a stats
// answer with the same figures, the age clock, a list answer that is the same), and at 1,000
// containers that work was a third of its idle CPU. Here a commit that made no change to ink's
// host nodes (no node added, moved or removed, no text changed, no style or attribute changed by
// value) skips layout and output: the frame would be byte-identical to the one on the screen.
// Resizes, <Static> and unmount call ink's render directly and are untouched.
//
// A frame that did change is built with less garbage: ink turned every cell into a string by
// diffing its styles with its neighbour's (three Sets and four arrays per cell, ~5 MB for one
// 80×24 frame, most of the dashboard's idle garbage); equal styles (nearly every pair) make no
// codes, so they are skipped without the diff. Blank cells share one object.
//
// ink's <Text> makes a new transform function on each render, so every re-rendered Text would
// look changed; it is memoised by the props it reads (the same closure for the same styling).

const flag = `
// Declarations only (hoisted): the host config that uses them is made when the module runs.
var __crisockHostChanged = true;
function __crisockTouch(fn) {
    return (...args) => {
        __crisockHostChanged = true;
        return fn(...args);
    };
}
// A style or accessibility object remade with the same values is no change (ink diffs them by identity).
function __crisockPropsChanged(props, style, oldProps, newProps) {
    if (style) return true;
    for (const key of Object.keys(props ?? {})) {
        if (key === 'children' || key === 'style') continue;
        if (key === 'internal_accessibility') {
            const before = oldProps[key];
            const after = newProps[key];
            if (before?.role === after?.role && before?.state === after?.state) continue;
        }
        return true;
    }
    return false;
}
`;

const transforms = `
const __crisockTransforms = new Map();
function __crisockTransformFor(key, make) {
    let transform = __crisockTransforms.get(key);
    if (transform === undefined) {
        if (__crisockTransforms.size > 2000) __crisockTransforms.clear();
        transform = make();
        __crisockTransforms.set(key, transform);
    }
    return transform;
}
`;

// One row of the frame from its writes ([x, line, x, line, …] in order), exactly as ink's get()
// fills and prints a row; remembered by those writes, so an unchanged row costs a lookup.
const rows = `
const __crisockBlank = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});
const __crisockRows = new Map();
function __crisockRow(pieces, width, caches) {
    const key = width + '\\u0000' + pieces.join('\\u0000');
    let text = __crisockRows.get(key);
    if (text !== undefined) return text;
    const row = new Array(width > 0 ? Math.ceil(width) : 0).fill(__crisockBlank);
    for (let p = 0; p < pieces.length; p += 2) {
        let offsetX = pieces[p];
        for (const character of caches.getStyledChars(pieces[p + 1])) {
            row[offsetX] = character;
            const characterWidth = Math.max(1, caches.getStringWidth(character.value));
            for (let index = 1; index < characterWidth; index++) {
                row[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
            }
            offsetX += characterWidth;
        }
    }
    text = styledCharsToString(row.filter(item => item !== undefined)).trimEnd();
    if (__crisockRows.size > 2000) __crisockRows.clear();
    __crisockRows.set(key, text);
    return text;
}
`;

const sameCodes = `
function __crisockSameCodes(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
        if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
    }
    return true;
}
`;

export const quietPatches = {
	'ink/build/reconciler.js': [
		['    resetAfterCommit(rootNode) {\n        if (typeof rootNode.onComputeLayout', '    resetAfterCommit(rootNode) {\n        if (!__crisockHostChanged && !rootNode.isStaticDirty) {\n            return;\n        }\n        __crisockHostChanged = false;\n        if (typeof rootNode.onComputeLayout'],
		['    hideTextInstance(node) {\n', '    hideTextInstance(node) {\n        __crisockHostChanged = true;\n'],
		['    unhideTextInstance(node, text) {\n', '    unhideTextInstance(node, text) {\n        __crisockHostChanged = true;\n'],
		['    hideInstance(node) {\n', '    hideInstance(node) {\n        __crisockHostChanged = true;\n'],
		['    unhideInstance(node) {\n', '    unhideInstance(node) {\n        __crisockHostChanged = true;\n'],
		['    appendChild: appendChildNode,\n    insertBefore: insertBeforeNode,', '    appendChild: __crisockTouch(appendChildNode),\n    insertBefore: __crisockTouch(insertBeforeNode),'],
		['    appendChildToContainer: appendChildNode,\n    insertInContainerBefore: insertBeforeNode,\n    removeChildFromContainer(node, removeNode) {\n', '    appendChildToContainer: __crisockTouch(appendChildNode),\n    insertInContainerBefore: __crisockTouch(insertBeforeNode),\n    removeChildFromContainer(node, removeNode) {\n        __crisockHostChanged = true;\n'],
		['        if (!props && !style) {\n            return;\n        }\n', '        if (!props && !style) {\n            return;\n        }\n        if (__crisockPropsChanged(props, style, oldProps, newProps)) {\n            __crisockHostChanged = true;\n        }\n'],
		['    commitTextUpdate(node, _oldText, newText) {\n', '    commitTextUpdate(node, _oldText, newText) {\n        __crisockHostChanged = true;\n'],
		['    removeChild(node, removeNode) {\n', '    removeChild(node, removeNode) {\n        __crisockHostChanged = true;\n'],
		[/$/, flag],
	],
	'@alcalzone/ansi-tokenize/build/styledChars.js': [
		['            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));\n', '            if (!__crisockSameCodes(chars[i - 1].styles, char.styles)) {\n                ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));\n            }\n'],
		['        if (i === chars.length - 1) {\n', '        if (i === chars.length - 1 && char.styles.length > 0) {\n'],
		[/$/, sameCodes],
	],
	'ink/build/output.js': [
		// The grid is built per row, from that row's writes, only when they differ from a frame before.
		["        const output = [];\n        for (let y = 0; y < this.height; y++) {\n            const row = [];\n            for (let x = 0; x < this.width; x++) {\n                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });\n            }\n            output.push(row);\n        }\n",
			'        const output = [];\n        for (let y = 0; y < this.height; y++) {\n            output.push([]);\n        }\n'],
		["                    const characters = this.caches.getStyledChars(line);\n                    let offsetX = x;\n                    for (const character of characters) {\n                        currentLine[offsetX] = character;\n                        // Determine printed width using string-width to align with measurement\n                        const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));\n                        // For multi-column characters, clear following cells to avoid stray spaces/artifacts\n                        if (characterWidth > 1) {\n                            for (let index = 1; index < characterWidth; index++) {\n                                currentLine[offsetX + index] = {\n                                    type: 'char',\n                                    value: '',\n                                    fullWidth: false,\n                                    styles: character.styles,\n                                };\n                            }\n                        }\n                        offsetX += characterWidth;\n                    }\n",
			'                    currentLine.push(x, line);\n'],
		["        const generatedOutput = output\n            .map(line => {\n            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742\n            const lineWithoutEmptyItems = line.filter(item => item !== undefined);\n            return styledCharsToString(lineWithoutEmptyItems).trimEnd();\n        })",
			'        const generatedOutput = output\n            .map(pieces => __crisockRow(pieces, this.width, this.caches))'],
		[/$/, rows],
	],
	'ink/build/components/Text.js': [
		['    const transform = (children) => {\n', '    const transform = __crisockTransformFor([dimColor, color, backgroundColor ?? inheritedBackgroundColor, bold, italic, underline, strikethrough, inverse].join(\'\\u0000\'), () => (children) => {\n'],
		['        return children;\n    };\n', '        return children;\n    });\n'],
		[/$/, transforms],
	],
};
