// A Jest transform for the two modules of @actions/workflow-parser that import their JSON schema without an import
// attribute (`import WorkflowSchema from "../workflow-v1.0.min.json";`). Node accepts such an import only with
// `with { type: "json" }`; Jest 30 still loads it but prints a deprecation warning in every test file that parses a
// workflow. This adds the attribute the package left out, so the modules load exactly as under Node. jest.config.js
// applies it to those two files only; anything else passes through unchanged.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

const STATIC_JSON_IMPORT = /^(import\s+[\w$]+\s+from\s+(["'])[^"'\n]+\.json\2)\s*;/gm;
const OWN_SOURCE = readFileSync(module.filename);

module.exports = {
  process(sourceText) {
    return { code: sourceText.replace(STATIC_JSON_IMPORT, '$1 with { type: "json" };') };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(OWN_SOURCE)
      .update('\0')
      .update(sourcePath)
      .update('\0')
      .update(sourceText)
      .digest('hex');
  },
};
