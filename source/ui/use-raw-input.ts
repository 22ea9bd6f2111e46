// ink's raw input events, seen before its useInput parses them. ink 6.8 emits
// one event per key or escape sequence on an internal emitter; useInput then
// parses each with its own keypress parser, which throws on sequences it does
// not know (e.g. ESC[31m, ESC[1;5R: a paste's colour codes, a cursor report),
// and that throw would end the program. So the emitter of this ink instance is
// wrapped: `take` sees every event first and may keep it from useInput (a
// paste), and an event ink itself cannot read is dropped instead of crashing.
import {useLayoutEffect, useRef} from 'react';
import {useStdin} from 'ink';

export type RawInput = {
	/** Call first thing in the useInput handler: a throw after it is the app's own and is not hidden. */
	entered(): void;
};

/** `take(event)` returns true to keep the event from useInput. */
export function useRawInput(take: (event: string) => boolean): RawInput {
	const {internal_eventEmitter: events} = useStdin();
	const latest = useRef(take);
	latest.current = take;
	const handlerRan = useRef(false);

	useLayoutEffect(() => {
		const original = events.emit;
		events.emit = function (this: typeof events, name: string | symbol, ...args: unknown[]): boolean {
			const event = args[0];
			if (name !== 'input' || typeof event !== 'string') return original.call(this, name, ...args);
			if (latest.current(event)) return true;
			handlerRan.current = false;
			try {
				return original.call(this, name, ...args);
			} catch (error) {
				if (handlerRan.current) throw error;
				// ink's keypress parser failed on it: not a key anyone typed.
				return true;
			}
		};

		return () => {
			events.emit = original;
		};
	}, [events]);

	return {
		entered() {
			handlerRan.current = true;
		},
	};
}
