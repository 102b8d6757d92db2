// The kro-lsp client for VS Code, in plain JavaScript (no build step).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { findServer, missingServerMessage } = require('./server-path');

let client;

async function start(context) {
  const setting = vscode.workspace.getConfiguration('kro').get('server.path');
  const command = findServer(setting);
  if (!command) {
    const choice = await vscode.window.showErrorMessage(missingServerMessage(setting), 'Open Settings');
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'kro.server.path');
    }
    return;
  }
  client = new LanguageClient(
    'kro-lsp',
    'kro',
    { command, args: [], transport: TransportKind.stdio },
    {
      // Every YAML file: the server itself answers only for kro's (RGDs, their instances,
      // files starting with `# kro-lsp`).
      documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
      synchronize: { configurationSection: 'kro' },
      initializationOptions: { kro: vscode.workspace.getConfiguration('kro') },
      middleware: {
        // A code lens ("Preview", "Generate CRD", "Scaffold instance") runs the server's
        // command: show its answer as the palette commands do.
        executeCommand: async (command, args, next) => {
          const result = await next(command, args);
          if (SHOWN_COMMANDS.includes(command)) await showResult(result);
          return result;
        },
      },
    },
  );
  await client.start();
}

/** The server commands whose answer (`{yaml, pending}`) opens in a new editor. */
const SHOWN_COMMANDS = ['kro.preview', 'kro.generateCRD', 'kro.scaffoldInstance'];

/** Opens a command's answer beside the current editor. */
async function showResult(result) {
  let content;
  if (typeof result === 'string') content = result;
  else if (result && typeof result.yaml === 'string') {
    content = result.yaml + (result.pending || []).map((p) => `\n# pending: ${JSON.stringify(p)}`).join('');
  } else content = JSON.stringify(result, null, 2);
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside);
}

/** Runs the server command `command` on the active editor's file and opens the answer. */
async function showCommandResult(command) {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) {
    vscode.window.showWarningMessage('kro-lsp: open a kro YAML file first.');
    return;
  }
  const uri = editor.document.uri.toString();
  try {
    await showResult(await client.sendRequest('workspace/executeCommand', { command, arguments: [{ uri }] }));
  } catch (error) {
    vscode.window.showErrorMessage(`kro-lsp: ${command}: ${error.message || error}`);
  }
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('kro-lsp.preview', () => showCommandResult('kro.preview')),
    vscode.commands.registerCommand('kro-lsp.showGeneratedCRD', () => showCommandResult('kro.generateCRD')),
    vscode.commands.registerCommand('kro-lsp.restart', async () => {
      if (client) await client.stop();
      client = undefined;
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('kro.server.path')) {
        await vscode.commands.executeCommand('kro-lsp.restart');
      }
    }),
  );
  return start(context);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
