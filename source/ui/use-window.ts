// The visible slice of a long list: keeps the selection inside the window and
// moves the window as little as possible (like less/vim), remembering its top.
import {useRef} from 'react';
import {windowTop} from '../state/selectors.js';

export function useWindow(length: number, selected: number, height: number): {top: number; end: number} {
	const top = useRef(0);
	top.current = windowTop(top.current, Math.max(0, selected), height, length);
	return {top: top.current, end: Math.min(length, top.current + Math.max(0, height))};
}
