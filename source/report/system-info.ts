/** The tool/Node/OS facts a support report carries, read from the running process. */
import {arch, platform, release} from 'node:os';
import {version} from '../version.js';
import type {OperatingSystem} from './support-report.js';

export type SystemInfo = {readonly toolVersion: string; readonly nodeVersion: string; readonly os: OperatingSystem};

export function currentSystemInfo(): SystemInfo {
	return {toolVersion: version, nodeVersion: process.version, os: {platform: platform(), release: release(), arch: arch()}};
}
