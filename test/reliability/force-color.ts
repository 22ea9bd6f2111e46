// Imported FIRST by tests that read the selection (inverse video) off ink's frames: chalk decides
// its colour level when ink is first evaluated, and ink-testing-library's stdout is not a TTY.
process.env.FORCE_COLOR = '1';
delete process.env.NO_COLOR;
export {};
