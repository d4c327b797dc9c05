// The layer check run by `npm run layers` (and so by `npm test`): a folder of src/ may import only from
// its own layer and the layers below it, so the architecture the README's Layout section describes stays
// true. bench/ and test/ may import anything and are not checked.

/** src/'s folders from the ground floor up; folders on one floor are siblings and must not import each other. */
const LAYERS = [
  ['privacy', 'stats'],
  ['data'],
  ['model'],
  ['i18n'],
  ['screening', 'report'],
  ['monitoring'],
  ['storage'],
  ['service'],
  ['cli'],
];

const alternatives = (folders) => `^src/(${folders.join('|')})/`;

/** One rule per floor: nothing on it imports a higher floor or a sibling on the same floor. */
const layerRules = LAYERS.flatMap((floor, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  return floor.map((folder) => {
    const forbidden = [...higher, ...floor.filter((f) => f !== folder)];
    return {
      name: `layer-${folder}`,
      comment: `src/${folder} may not import ${forbidden.map((f) => `src/${f}`).join(', ')} (layer order: ${LAYERS.map((l) => l.join(', ')).join(' → ')})`,
      severity: 'error',
      from: { path: alternatives([folder]) },
      to: { path: alternatives(forbidden) },
    };
  });
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'not-in-a-layer',
      comment: 'every module under src/ lives in one of the layer folders, so a new folder must be given its place in LAYERS',
      severity: 'error',
      from: { path: '^src/', pathNot: alternatives(LAYERS.flat()) },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import the checker cannot resolve would escape the layer rules',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages as Node does for an ESM import, so ESM-only packages (vega-lite, csv-stringify/sync) resolve.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'] },
  },
};
