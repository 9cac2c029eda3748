// Conformance scenarios that only a tool or prompt of a federated MCP upstream can pass: the catalog's REST tools
// answer with text (and structured content), its prompts render text templates, and neither can send
// notifications or ask the client for input during a call. They run and count like every other scenario; the
// tally marks them so that their failures read as the federation work they wait for, not as regressions.
const clientInput = 'a tool that asks the client for input during the call';

export const federationScenarios = {
  'tools-call-image': 'a tool that answers with image content',
  'tools-call-audio': 'a tool that answers with audio content',
  'tools-call-embedded-resource': 'a tool that answers with an embedded resource',
  'tools-call-mixed-content': 'a tool that answers with text, image and resource content',
  'tools-call-with-logging': 'a tool that sends log notifications while it runs',
  'tools-call-with-progress': 'a tool that sends progress notifications while it runs',
  'tools-call-sampling': `${clientInput} (sampling)`,
  'tools-call-elicitation': `${clientInput} (elicitation)`,
  'elicitation-sep1034-defaults': `${clientInput} (elicitation with defaults)`,
  'elicitation-sep1330-enums': `${clientInput} (elicitation with enums)`,
  'prompts-get-embedded-resource': 'a prompt whose messages embed a resource',
  'prompts-get-with-image': 'a prompt whose messages hold an image',
  'server-stateless': 'its diagnostic tools test_missing_capability, test_streaming_elicitation and test_logging_tool',
  'input-required-result-basic-elicitation': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-basic-sampling': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-basic-list-roots': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-request-state': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-multiple-input-requests': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-multi-round': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-non-tool-request': 'a prompt that asks the client for input (input-required result, SEP-2322)',
  'input-required-result-result-type': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-tampered-state': `${clientInput} (input-required result, SEP-2322)`,
  'input-required-result-capability-check': `${clientInput} (input-required result, SEP-2322)`,
};
