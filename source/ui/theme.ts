// Colours in one place. With NO_COLOR / --no-color every entry is undefined, so
// components pass no colour props at all (inverse and bold still mark things).
import {createContext, useContext} from 'react';

export type Theme = {
	accent?: string;
	good?: string;
	bad?: string;
	warn?: string;
	muted?: string;
};

export const colorTheme: Theme = {accent: 'cyan', good: 'green', bad: 'red', warn: 'yellow', muted: 'gray'};
export const noColorTheme: Theme = {};

export const ThemeContext = createContext<Theme>(colorTheme);

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** NO_COLOR (any non-empty value, see no-color.org) or --no-color. */
export function colorDisabled(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
	return Boolean(flag) || Boolean(env.NO_COLOR);
}
