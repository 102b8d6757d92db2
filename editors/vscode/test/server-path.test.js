// Plain-node tests of the server lookup (run by `npm test` and by swift test).
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { findServer, missingServerMessage } = require('../server-path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kro-vscode-'));
const bin = path.join(dir, 'bin');
fs.mkdirSync(bin);
const server = path.join(bin, 'kro-lsp');
fs.writeFileSync(server, '#!/bin/sh\n');
fs.chmodSync(server, 0o755);
const notExecutable = path.join(bin, 'kro-lsp-text');
fs.writeFileSync(notExecutable, 'text');

const env = { PATH: ['/nonexistent', bin].join(path.delimiter), HOME: dir };
assert.strictEqual(findServer('kro-lsp', env, 'linux'), server, 'a name is looked up on PATH');
assert.strictEqual(findServer('', env, 'linux'), server, 'an empty setting means kro-lsp');
assert.strictEqual(findServer(server, env, 'linux'), server, 'an absolute path is used as is');
assert.strictEqual(findServer('~/bin/kro-lsp', env, 'linux'), server, '~ is the home folder');
assert.strictEqual(findServer('kro-lsp', { PATH: '/nonexistent' }, 'linux'), undefined, 'missing on PATH');
assert.strictEqual(findServer(notExecutable, env, 'linux'), undefined, 'a file without the x bit is not a server');
assert.strictEqual(findServer(bin, env, 'linux'), undefined, 'a folder is not a server');
assert.match(missingServerMessage('/opt/kro-lsp'), /cannot find the language server "\/opt\/kro-lsp".*kro\.server\.path/);

fs.rmSync(dir, { recursive: true, force: true });
console.log('server-path: 8 passed, 0 failed');
