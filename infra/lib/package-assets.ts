// The Lambda packages `make package` writes (build/package/): one zip per function, each holding
// `bootstrap`, the common layer's zip (lib/ with the shared libraries and the dynamic loader) and
// the docs layer's zip (share/docs-ui/ with Swagger UI, for the health function alone).
import * as fs from 'fs';
import * as path from 'path';
import { FUNCTION_NAMES, FunctionName } from './config';

export interface PackageAssets {
  readonly functionZips: Readonly<Record<FunctionName, string>>;
  readonly layerZip: string;
  readonly docsLayerZip: string;
}

export const LAYER_ZIP = 'layer-common.zip';
export const DOCS_LAYER_ZIP = 'layer-docs-ui.zip';

export function functionZipName(name: FunctionName): string {
  return `bootstrap-${name}.zip`;
}

/** Every file the stack deploys, in `dir`; throws naming the missing ones. */
export function packageAssets(dir: string): PackageAssets {
  const absolute = path.resolve(dir);
  const functionZips = {} as Record<FunctionName, string>;
  for (const name of FUNCTION_NAMES) functionZips[name] = path.join(absolute, functionZipName(name));
  const layerZip = path.join(absolute, LAYER_ZIP);
  const docsLayerZip = path.join(absolute, DOCS_LAYER_ZIP);
  const missing = [...Object.values(functionZips), layerZip, docsLayerZip].filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `the Lambda packages are missing in ${absolute}: ${missing.map((f) => path.basename(f)).join(', ')}. ` +
        'Run `make package` (or give another folder with -c packageDir=...).',
    );
  }
  return { functionZips, layerZip, docsLayerZip };
}
