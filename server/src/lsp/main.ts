// dext-language-server: `--stdio`, `--node-ipc` or `--socket=N`, as vscode-languageserver reads them.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// A stray exception must not take the editor's server down with it.
process.on('uncaughtException', (error) => connection.console.error(`dext: uncaught: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`dext: unhandled rejection: ${String(reason)}`));
startServer(connection);
