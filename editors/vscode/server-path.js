// Finds the kro-lsp executable named by the `kro.server.path` setting (no vscode API here,
// so it can be tested with plain node).
const fs = require('fs');
const path = require('path');

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The absolute path of `setting` (a path, `~/…`, or a name looked up on PATH), or
 * undefined when no executable is there.
 */
function findServer(setting, env = process.env, platform = process.platform) {
  let name = (setting || 'kro-lsp').trim();
  if (name.startsWith('~/') && env.HOME) name = path.join(env.HOME, name.slice(2));
  if (name.includes('/') || name.includes('\\')) {
    return isExecutable(name) ? path.resolve(name) : undefined;
  }
  const extensions = platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH || '').split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = path.join(dir, name + extension);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** What to tell a user whose setting names no executable. */
function missingServerMessage(setting) {
  return `kro-lsp: cannot find the language server "${setting || 'kro-lsp'}". ` +
    'Build it (swift build -c release) or download it, then put it on PATH or set "kro.server.path".';
}

module.exports = { findServer, missingServerMessage };
