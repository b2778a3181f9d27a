// Writes stand-in Lambda packages (empty zips with the real names) into a folder, so the stack can
// be synthesized and tested without the C++ build. Never deploy them: the functions would not start.
//   npx ts-node --transpile-only scripts/standin-package.ts <dir>
import * as fs from 'fs';
import * as path from 'path';
import { FUNCTION_NAMES } from '../lib/config';
import { DOCS_LAYER_ZIP, LAYER_ZIP, functionZipName } from '../lib/package-assets';

// An empty zip archive: just the end-of-central-directory record.
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export function writeStandinPackage(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const name of [...FUNCTION_NAMES.map(functionZipName), LAYER_ZIP, DOCS_LAYER_ZIP]) {
    fs.writeFileSync(path.join(dir, name), EMPTY_ZIP);
  }
  return dir;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: standin-package.ts <dir>');
    process.exit(2);
  }
  writeStandinPackage(dir);
  console.log(`stand-in Lambda packages written to ${dir}`);
}
