// Copies the repository's grammars (../../grammars) into this extension, so the packaged
// extension carries them; run by `npm install` and before `vsce package`.
const fs = require('fs');
const path = require('path');

const source = path.join(__dirname, '..', '..', '..', 'grammars');
const target = path.join(__dirname, '..', 'grammars');
fs.mkdirSync(target, { recursive: true });
for (const name of fs.readdirSync(source)) {
  if (name.endsWith('.tmLanguage.json')) {
    fs.copyFileSync(path.join(source, name), path.join(target, name));
  }
}
