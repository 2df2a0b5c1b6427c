/** All four exports for one proven key pair. */
import {dotEnvFileName, renderDotEnv} from './render-dotenv.js';
import {javaPropertiesFileName, renderJavaProperties} from './render-java.js';
import {nodeConfigFileName, renderNodeConfig} from './render-node.js';
import {pythonConfigFileName, renderPythonConfig} from './render-python.js';
import type {SdkExportInput} from './sdk-config.js';

export type ExportFile = {
	/** File name inside the export folder. */
	readonly name: string;
	/** What it is, for the screen: "Node.js (cybersource-rest-client)". */
	readonly description: string;
	readonly contents: string;
};

export function renderSdkExports(input: SdkExportInput): ExportFile[] {
	return [
		{name: nodeConfigFileName, description: 'Node.js (cybersource-rest-client) configuration object', contents: renderNodeConfig(input)},
		{name: pythonConfigFileName, description: 'Python (cybersource-rest-client-python) configuration dict', contents: renderPythonConfig(input)},
		{name: javaPropertiesFileName, description: 'Java (cybersource-rest-client-java) MerchantConfig properties', contents: renderJavaProperties(input)},
		{name: dotEnvFileName, description: `.env with an empty CYBERSOURCE_SHARED_SECRET= to fill in`, contents: renderDotEnv(input)},
	];
}
