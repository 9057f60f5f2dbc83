import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertModel, renderModelSource } from './convert.js';
import { loadBotocoreModel, loadSdkModel } from './load.js';
import { modelSources } from './sources.js';
import { renderTypesSource } from './types.js';

/** The generated files for every modelled service, keyed by file name in `src/wire/models/`. */
export function generateAll(): Map<string, string> {
  const files = new Map<string, string>();
  for (const source of modelSources) {
    const min = loadSdkModel(source);
    const boto = loadBotocoreModel(source, min ? String(min.metadata.apiVersion) : undefined);
    const model = convertModel(min ?? boto, boto);
    files.set(`${source.service}.model.ts`, renderModelSource(model));
    // The query twin of a JSON service shares its types; only SDK-backed models get a types file.
    if (source.sdkModel) files.set(`${source.service}.types.ts`, renderTypesSource(model));
  }
  return files;
}

/** Where the checked-in generated files live (the source tree, also when run from dist/). */
export function modelsSourceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, '..', '..', '..', 'src', 'wire', 'models');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, text] of generateAll()) writeFileSync(join(modelsSourceDir(), name), text);
  console.log(`wrote ${modelSources.length} models to ${modelsSourceDir()}`);
}
