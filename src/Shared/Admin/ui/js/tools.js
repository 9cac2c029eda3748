// Tools: search and filter, create and edit REST tools (secrets are write-only: the API shows them masked and a
// masked value sent back keeps the stored one), toggle, delete, and "try it": a form generated from the input schema
// that calls the tool through /rpc and shows the result and its latency.
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;
  const mask = '*****';

  function emptyForm() {
    return {
      id: null, name: '', url: '', description: '', requestType: 'POST', headers: '', authType: '', username: '', password: '',
      token: '', headerKey: '', headerValue: '', inputSchema: '{\n  "type": "object",\n  "properties": {}\n}', outputSchema: '', tags: '',
      jsonpathFilter: '', storedAuthType: '',
    };
  }

  // The checks the gateway makes on save, made as you type: JSON, an object schema.
  function schemaProblem(text, required) {
    if (!text.trim()) {
      return required ? 'An input schema is required.' : '';
    }
    let schema;
    try {
      schema = JSON.parse(text);
    } catch (error) {
      return 'Not valid JSON: ' + error.message;
    }
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      return 'A JSON Schema is a JSON object.';
    }
    if (required && schema.type !== undefined && schema.type !== 'object') {
      return 'A tool\'s input schema must describe an object ("type": "object").';
    }
    return '';
  }

  window.Alpine.data('tools', () => ({
    ...forms.errors(),
    ...forms.catalogList('/tools', 'tool', (tool) => tool.name),
    search: '',
    tag: '',
    state: 'all',
    form: null,
    trying: null,
    tryFields: [],
    tryResult: '',
    tryIsError: false,
    tryLatency: '',

    async init() {
      await this.load();
    },

    visible() {
      const search = this.search.trim().toLowerCase();
      return this.items.filter((t) =>
        (!search || t.name.toLowerCase().includes(search) || (t.description || '').toLowerCase().includes(search))
        && (!this.tag || t.tags.includes(this.tag))
        && (this.state === 'all' || (this.state === 'active') === t.enabled));
    },

    allTags() {
      return [...new Set(this.items.flatMap((t) => t.tags))].sort();
    },

    create() {
      this.trying = null;
      this.clearErrors();
      this.form = emptyForm();
    },

    edit(tool) {
      this.trying = null;
      this.clearErrors();
      const auth = tool.auth || {};
      this.form = {
        ...emptyForm(), id: tool.id, name: tool.name, url: tool.url || '', description: tool.description || '', requestType: tool.requestType,
        headers: Object.keys(tool.headers || {}).length ? forms.pretty(tool.headers) : '', authType: auth.authType || '', storedAuthType: auth.authType || '',
        username: auth.username || '', headerKey: auth.authHeaderKey || '', inputSchema: forms.pretty(tool.inputSchema),
        outputSchema: forms.pretty(tool.outputSchema), tags: tool.tags.join(', '), jsonpathFilter: tool.jsonpathFilter || '',
      };
    },

    cancel() {
      this.form = null;
      this.clearErrors();
    },

    checkSchema(field) {
      const problem = field === 'input_schema' ? schemaProblem(this.form.inputSchema, true) : schemaProblem(this.form.outputSchema, false);
      this.errors = { ...this.errors, [field]: problem };
    },

    // A secret left blank while the stored credentials are of the same type keeps them (the API's mask).
    secret(value) {
      return value || (this.form.authType === this.form.storedAuthType ? mask : '');
    },

    auth() {
      const f = this.form;
      switch (f.authType) {
        case 'basic': return { auth_type: 'basic', username: f.username, password: this.secret(f.password) };
        case 'bearer': return { auth_type: 'bearer', token: this.secret(f.token) };
        case 'authheaders': return { auth_type: 'authheaders', auth_header_key: f.headerKey, auth_header_value: this.secret(f.headerValue) };
        default: return { auth_type: 'none' };
      }
    },

    async save() {
      const f = this.form;
      this.checkSchema('input_schema');
      this.checkSchema('output_schema');
      if (this.hasError('input_schema') || this.hasError('output_schema')) {
        return;
      }
      const saved = await this.run('Saving', () => {
        const body = {
          name: f.name, url: f.url, description: f.description, integration_type: 'REST', request_type: f.requestType,
          headers: forms.parseJson(f.headers, 'headers') || {}, input_schema: forms.parseJson(f.inputSchema, 'input_schema'),
          output_schema: forms.parseJson(f.outputSchema, 'output_schema'), tags: forms.tags(f.tags), jsonpath_filter: f.jsonpathFilter || null,
          auth: this.auth(),
        };
        return f.id ? api.put('/tools/' + api.enc(f.id), body) : api.post('/tools', body);
      });
      if (saved) {
        this.form = null;
        await this.load();
      }
    },

    tryIt(tool) {
      this.form = null;
      this.trying = tool;
      this.tryResult = '';
      this.tryLatency = '';
      const schema = tool.inputSchema || {};
      const required = schema.required || [];
      this.tryFields = Object.entries(schema.properties || {}).map(([name, property]) => ({
        name, id: 'try-' + name, type: property.type || 'string', description: property.description || '', required: required.includes(name),
        value: property.type === 'boolean' ? false : '',
      }));
    },

    inputType(field) {
      return field.type === 'number' || field.type === 'integer' ? 'number' : 'text';
    },

    isBoolean(field) {
      return field.type === 'boolean';
    },

    isText(field) {
      return field.type !== 'boolean';
    },

    argumentValue(field) {
      switch (field.type) {
        case 'number': case 'integer': return Number(field.value);
        case 'boolean': return Boolean(field.value);
        case 'string': return field.value;
        default: return forms.parseJson(field.value, field.name);
      }
    },

    async call() {
      const args = {};
      const started = performance.now();
      const response = await this.run('Calling ' + this.trying.name, () => {
        this.tryFields.filter((f) => f.value !== '' || f.required).forEach((f) => { args[f.name] = this.argumentValue(f); });
        return api.post('/rpc', { jsonrpc: '2.0', id: Date.now(), method: 'tools/call', params: { name: this.trying.name, arguments: args } });
      }, 'try');
      if (!response) {
        return;
      }
      this.tryLatency = Math.round(performance.now() - started) + ' ms';
      if (response.error) {
        this.tryIsError = true;
        this.tryResult = response.error.message;
        return;
      }
      this.tryIsError = Boolean(response.result.isError);
      this.tryResult = (response.result.content || []).map((c) => c.text || forms.pretty(c)).join('\n');
      await this.load(); // the call counts
    },

    closeTry() {
      this.trying = null;
    },

    stateLabel(tool) {
      return tool.enabled ? 'active' : 'inactive';
    },

    stateClass(tool) {
      return tool.enabled ? 'badge-on' : 'badge-off';
    },

    isRest(tool) {
      return tool.integrationType === 'REST';
    },

    authIs(type) {
      return this.form.authType === type;
    },

    secretHint() {
      return this.form.storedAuthType ? 'Leave blank to keep the stored secret' : '';
    },
  }));
});
