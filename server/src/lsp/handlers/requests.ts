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
    context.guard(RulesRequest.method, [], () => service.listRules().map(({ id, summary, defaultSeverity }) => ({ id, summary, defaultSeverity }))),
  );
  connection.onRequest(
    RuleDocumentationRequest,
    context.guard(RuleDocumentationRequest.method, { markdown: '' }, ({ id }) => ({ markdown: service.explainRule(id) ?? `Unknown rule id \`${id}\`.` })),
  );
  connection.onRequest(
    AddDevelopmentConfigurationRequest,
    context.guard(AddDevelopmentConfigurationRequest.method, { message: 'internal error' }, ({ uri, transport }) => {
      const { edits, message } = service.addDevelopmentConfiguration(uri, transport);
      return edits ? { edit: toLspWorkspaceEdit(edits, context.versionOf) } : { message };
    }),
  );
  connection.onRequest(
    ShowProfileRequest,
    context.guard(ShowProfileRequest.method, { ok: false, error: 'internal error' }, ({ uri }) => service.describeProfile(uri)),
  );
  connection.onRequest(ExplainRequest, context.guard(ExplainRequest.method, { markdown: '' }, ({ text }) => ({ markdown: service.explainText(text) })));
}
