// The custom requests of the shared protocol (`dext/…`), typed on both sides by protocol/.
import {
  AddDevelopmentConfigurationRequest,
  ExplainRequest,
  RuleDocumentationRequest,
  RulesRequest,
  ShowProfileRequest,
} from '../../../../protocol/protocol';
import { toLspWorkspaceEdit } from '../convert';
import type { ServerContext } from './context';

export function registerRequests(context: ServerContext): void {
  const { connection, service } = context;
  connection.onRequest(
    RulesRequest,
    context.request0(RulesRequest.method, [], () => service.listRules().map(({ id, summary, defaultSeverity }) => ({ id, summary, defaultSeverity }))),
  );
  connection.onRequest(
    RuleDocumentationRequest,
    context.request(RuleDocumentationRequest.method, { markdown: '' }, ({ id }) => ({ markdown: service.explainRule(id) ?? `Unknown rule id \`${id}\`.` })),
  );
  connection.onRequest(
    AddDevelopmentConfigurationRequest,
    context.request(AddDevelopmentConfigurationRequest.method, { message: 'internal error' }, async ({ uri, transport }, cancel) => {
      // The insertion is a code action of the entitlements file: it waits for the scan as they do.
      await service.whenReady(cancel);
      const { edits, message } = service.addDevelopmentConfiguration(uri, transport);
      return edits ? { edit: toLspWorkspaceEdit(edits, context.versionOf) } : { message };
    }),
  );
  connection.onRequest(
    ShowProfileRequest,
    context.request(ShowProfileRequest.method, { ok: false, error: 'internal error' }, ({ uri }) => service.describeProfile(uri)),
  );
  connection.onRequest(
    ExplainRequest,
    // A pasted log can be tens of megabytes: explained in slices, and cancellable.
    context.request(ExplainRequest.method, { markdown: '' }, async ({ text }, cancel) => ({ markdown: await service.explainTextYielding(text, cancel) })),
  );
}
