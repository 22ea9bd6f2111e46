import type {View} from '../state/ui-state.js';

/** What every view above the main screen receives. */
export type ViewProps = {
	view: View;
	width: number;
	/** Lines between the header and the footer. */
	height: number;
};
