import type {ProfileEnvironment} from '../profiles/profile.js';
import type {Mode} from './state.js';

/** The environment a wizard mode stands for, named as `check --env` and saved profiles name it (Practice is the simulator). */
export function environmentNameOf(mode: Mode): ProfileEnvironment {
	return mode === 'practice' ? 'simulator' : mode;
}
