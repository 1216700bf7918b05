// npm run catalog:check — validates the catalog data files; exit 1 with every problem listed.
import path from 'node:path';
import { findRootDir } from '../config.ts';
import { readCatalogDir } from '../modules/catalog/catalog-files.ts';

const dir = path.join(findRootDir(), 'catalog');
const { catalog, problems } = readCatalogDir(dir);
for (const pr of problems) console.log(`✗ ${pr.file} ${pr.path ? `[${pr.path}] ` : ''}${pr.code}: ${pr.zh} / ${pr.en}`);
const matterRefs = new Set(catalog.themes.flatMap((t) => t.matters.map((m) => m.matter)));
console.log(
  `catalog: ${catalog.divisions.length} divisions, ${catalog.units.length} units, ${catalog.elements.length} data elements, ` +
    `${catalog.matters.length} matters (${matterRefs.size} used by themes), ${catalog.themes.length} themes, ${catalog.resultFields.size} result fields`,
);
if (problems.length > 0) {
  console.log(`catalog:check failed: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('catalog:check passed');
