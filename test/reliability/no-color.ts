// Imported FIRST by tests that must see every byte ink writes as data: with chalk at level 0 ink
// adds no SGR of its own, so ANY escape in a frame came from runtime text and is a failure.
process.env.FORCE_COLOR = '0';
export {};
