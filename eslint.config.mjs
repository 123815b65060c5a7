// ESLint flat config: typescript-eslint's recommended rules for every TypeScript source, plus the layering rule
// (core/ stays editor-free so the CLI and the browser build can use it; server/ never imports the extension API).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const editorModules = ["vscode", "vscode-languageclient", "vscode-languageclient/*", "vscode-languageserver", "vscode-languageserver/*"];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".cache/**", ".vscode-test/**", "out/**", "**/*.js", "**/*.mjs", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // `import x = require(...)` is TypeScript's own CommonJS import; cli/commands/validate.ts needs it so esbuild
      // bundles tinyglobby's CommonJS build (see the comment there). Bare require() calls stay forbidden.
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
      // `const { id, ...rest } = body` is how a member is left out of a copy: the named member is not "unused".
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: editorModules, message: "core/ must not depend on the editor or the LSP libraries." }],
      }],
    },
  },
  {
    files: ["server/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["vscode", "vscode-languageclient", "vscode-languageclient/*"], message: "server/ runs outside the extension host: no vscode API." }],
      }],
    },
  },
);
