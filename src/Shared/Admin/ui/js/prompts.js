// Prompts: edit the template with a live preview rendered by the gateway (POST /prompts/{id}/preview, or
// /prompts/preview for a prompt not created yet; nothing saved),
// and the prompt's versions with rollback.
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;

  window.Alpine.data('prompts', () => ({
    ...forms.errors(),
    ...forms.catalogList('/prompts', 'prompt', (prompt) => prompt.name),
    form: null,
    values: '{}',
    preview: [],
    previewError: '',
    previewing: false,
    versions: [],
    timer: null,
    renders: 0,

    async init() {
      await this.load();
    },

    create() {
      this.clearErrors();
      this.preview = [];
      this.versions = [];
      this.form = { id: null, name: '', description: '', template: '', argumentSchema: '{\n  "type": "object",\n  "properties": {}\n}', tags: '' };
    },

    async edit(prompt) {
      this.clearErrors();
      const samePrompt = Boolean(this.form) && this.form.id === prompt.id;
      this.form = {
        id: prompt.id, name: prompt.name, description: prompt.description || '', template: prompt.template,
        argumentSchema: forms.pretty(prompt.argumentSchema), tags: prompt.tags.join(', '),
      };
      if (!samePrompt) {
        this.values = forms.pretty(Object.fromEntries(prompt.arguments.map((a) => [a.name, ''])));
      }
      await this.loadVersions();
      await this.renderPreview();
    },

    async loadVersions() {
      this.versions = await api.get('/prompts/' + api.enc(this.form.id) + '/versions');
    },

    // Asks the gateway to render the draft a moment after the last keystroke.
    schedulePreview() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.renderPreview(), 300);
    },

    async renderPreview() {
      if (!this.form) {
        return;
      }
      // Only the answer to the latest render is shown: an earlier one may arrive after it.
      const render = ++this.renders;
      if (!(this.form.template || '').trim()) {
        // A blank template has nothing to render (the gateway would refuse it): the preview is simply empty.
        this.preview = [];
        this.previewError = '';
        this.previewing = false;
        return;
      }
      this.previewing = true;
      try {
        const draft = { template: this.form.template, argument_schema: forms.parseJson(this.form.argumentSchema, 'argument_schema') };
        // A prompt not created yet is rendered on its own; a stored one with the draft applied to it.
        const path = this.form.id ? '/prompts/' + api.enc(this.form.id) + '/preview' : '/prompts/preview';
        const result = await api.post(path, { prompt: draft, arguments: forms.parseJson(this.values, 'values') || {} });
        if (render === this.renders) {
          this.preview = result.messages.map((m, i) => ({ key: i, role: m.role, text: m.content.text }));
          this.previewError = '';
        }
      } catch (error) {
        if (render === this.renders) {
          this.previewError = error.message;
        }
      } finally {
        this.previewing = render !== this.renders;
      }
    },

    async save() {
      const f = this.form;
      const saved = await this.run('Saving', () => {
        const body = {
          name: f.name, description: f.description, template: f.template, argument_schema: forms.parseJson(f.argumentSchema, 'argument_schema'),
          tags: forms.tags(f.tags),
        };
        return f.id ? api.put('/prompts/' + api.enc(f.id), body) : api.post('/prompts', body);
      });
      if (saved) {
        await this.load();
        await this.edit(saved);
        this.status = 'Saved version ' + saved.version + '.';
      }
    },

    async rollback(version) {
      if (!window.confirm('Restore version ' + version.version + ' as a new version?')) {
        return;
      }
      const restored = await this.run('Rolling back', () => api.post('/prompts/' + api.enc(this.form.id) + '/versions/' + version.version + '/rollback'));
      if (restored) {
        await this.load();
        await this.edit(restored);
      }
    },

    cancel() {
      this.form = null;
    },

    removed() {
      this.form = null;
    },

    when: forms.when,
  }));
});
