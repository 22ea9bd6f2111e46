// spdy-transport ships no types; only its SPDY/3 header dictionary is used (source/sim/spdy.ts).
declare module 'spdy-transport' {
	const transport: {protocol: {spdy: {dictionary: Record<number, Buffer>}}};
	export default transport;
}
