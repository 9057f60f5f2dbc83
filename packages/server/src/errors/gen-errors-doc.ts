import { writeFileSync } from 'node:fs';
import { errorsDocPath, renderErrorsDoc } from './catalogue-doc.js';

writeFileSync(errorsDocPath, await renderErrorsDoc());
console.log(`wrote ${errorsDocPath}`);
