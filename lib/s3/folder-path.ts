/**
 * Folder path normalization (pure, browser-safe).
 *
 * Canonical form chosen for the whole app: no leading slash, single slashes,
 * NO trailing slash ("exports/2026"), and "" for the bucket root. That is the
 * form we store and show. Anything that talks to S3 or writes a policy uses
 * `folderPrefix()`, which adds exactly one trailing "/" ("exports/2026/"), so
 * a folder "data" never matches the sibling "data-private/".
 */

export type FolderPathProblem = { rule: string; message: string };

export type FolderPathResult =
  | { ok: true; path: string; prefix: string }
  | { ok: false; problems: FolderPathProblem[] };

/**
 * S3 object keys are limited to 1024 bytes of UTF-8. The prefix (folder plus
 * its trailing slash) must leave room for at least a one-byte file name.
 */
export const MAX_FOLDER_PREFIX_BYTES = 1023;

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/u;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** "exports/2026" → "exports/2026/"; "" → "" (bucket root). */
export function folderPrefix(path: string): string {
  return path === "" ? "" : `${path}/`;
}

/**
 * Normalizes a user-typed folder path. Surrounding whitespace is trimmed (a
 * pasted path almost never means it), leading/trailing slashes dropped and
 * repeated slashes collapsed. Rejects what would be ambiguous or unsafe:
 * "." and ".." segments (S3 has no relative paths; consoles and tools resolve
 * them differently), control characters, backslashes (a Windows path was
 * pasted), IAM wildcards "*" and "?" and policy variables "${" (they would
 * widen the generated bucket policy), and paths too long to hold any file.
 */
export function normalizeFolderPath(input: unknown): FolderPathResult {
  if (input === undefined || input === null) return { ok: true, path: "", prefix: "" };
  if (typeof input !== "string") {
    return { ok: false, problems: [{ rule: "type", message: "The folder path must be text." }] };
  }
  const problems: FolderPathProblem[] = [];
  const add = (rule: string, message: string) => problems.push({ rule, message });
  const trimmed = input.trim();

  const control = trimmed.match(CONTROL_CHARS);
  if (control) {
    const code = control[0].codePointAt(0) ?? 0;
    add(
      "control-characters",
      `Folder paths cannot contain control characters (found U+${code.toString(16).toUpperCase().padStart(4, "0")} at position ${(control.index ?? 0) + 1}); retype the path instead of pasting it.`,
    );
  }
  if (trimmed.includes("\\")) {
    add("backslash", 'Folder paths use "/" between folders, not "\\" (this looks like a Windows path).');
  }
  if (/[*?]/.test(trimmed)) {
    add(
      "wildcards",
      'Folder paths cannot contain "*" or "?": they are wildcards in bucket policies and would grant access to more than this folder.',
    );
  }
  if (trimmed.includes("${")) {
    add("policy-variable", 'Folder paths cannot contain "${": it starts a variable in bucket policies.');
  }

  // Dropping empty segments can expose new surrounding whitespace (" /a" or "a/ "), and trimming
  // can expose new edge slashes: repeat until stable, so normalizing twice changes nothing.
  let collapsed = trimmed;
  for (let previous = ""; previous !== collapsed; ) {
    previous = collapsed;
    collapsed = collapsed.split("/").filter((s) => s !== "").join("/").trim();
  }
  const segments = collapsed === "" ? [] : collapsed.split("/");
  if (segments.some((s) => s === "..")) {
    add("dot-dot", 'Folder paths cannot contain ".." segments: S3 has no parent folders; write the full path from the bucket root.');
  }
  if (segments.some((s) => s === ".")) {
    add("dot", 'Folder paths cannot contain "." segments; remove them (for example "a/./b" should be "a/b").');
  }
  const path = segments.join("/");
  const prefix = folderPrefix(path);
  const bytes = utf8Length(prefix);
  if (bytes > MAX_FOLDER_PREFIX_BYTES) {
    add(
      "too-long",
      `Folder paths must be at most ${MAX_FOLDER_PREFIX_BYTES - 1} bytes (S3 keys, folder included, are limited to 1024 bytes); this one is ${bytes - 1} bytes.`,
    );
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, path, prefix };
}
