// Resources (text and binary content, URI templates; text shown as text and images as images) and roots.
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;

  function readFileAsBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).split(',')[1]);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  window.Alpine.data('resources', () => ({
    ...forms.errors(),
    ...forms.catalogList('/resources', 'resource', (resource) => resource.uri),
    search: '',
    form: null,
    viewing: null,
    content: null,
    file: null,

    async init() {
      await this.load();
    },

    visible() {
      const search = this.search.trim().toLowerCase();
      return this.items.filter((r) => !search || r.name.toLowerCase().includes(search) || r.uri.toLowerCase().includes(search));
    },

    create() {
      this.viewing = null;
      this.clearErrors();
      this.file = null;
      this.form = { id: null, uri: '', name: '', description: '', mimeType: '', uriTemplate: '', content: '', tags: '' };
    },

    async edit(resource) {
      this.viewing = null;
      this.clearErrors();
      this.file = null;
      const body = resource.uriTemplate ? null : await this.run('Loading content', () => api.get('/resources/' + api.enc(resource.id)));
      this.form = {
        id: resource.id, uri: resource.uri, name: resource.name, description: resource.description || '', mimeType: resource.mimeType || '',
        uriTemplate: resource.uriTemplate || '', content: body && body.text !== undefined ? body.text : '', tags: resource.tags.join(', '),
      };
    },

    pickFile(event) {
      this.file = event.target.files[0] || null;
    },

    async save() {
      const f = this.form;
      const saved = await this.run('Saving', async () => {
        const body = { uri: f.uri, name: f.name, description: f.description, mime_type: f.mimeType || null, tags: forms.tags(f.tags) };
        if (f.uriTemplate) {
          body.uri_template = f.uriTemplate;
        } else if (this.file) {
          body.blob = await readFileAsBase64(this.file);
          body.mime_type = f.mimeType || this.file.type || null;
        } else {
          body.content = f.content;
        }
        return f.id ? api.put('/resources/' + api.enc(f.id), body) : api.post('/resources', body);
      });
      if (saved) {
        this.form = null;
        await this.load();
      }
    },

    cancel() {
      this.form = null;
    },

    async view(resource) {
      this.form = null;
      this.viewing = resource;
      this.content = resource.uriTemplate ? null : await this.run('Reading', () => api.get('/resources/' + api.enc(resource.id)));
    },

    closeView() {
      this.viewing = null;
      this.content = null;
    },

    isImage() {
      return Boolean(this.content && this.content.blob && (this.content.mimeType || '').startsWith('image/'));
    },

    isText() {
      return Boolean(this.content && this.content.text !== undefined && this.content.text !== null);
    },

    isOtherBinary() {
      return Boolean(this.content && this.content.blob) && !this.isImage();
    },

    imageSource() {
      return this.isImage() ? 'data:' + this.content.mimeType + ';base64,' + this.content.blob : '';
    },

    stateLabel(item) {
      return item.uriTemplate ? 'template' : item.enabled ? 'active' : 'inactive';
    },
  }));

  window.Alpine.data('roots', () => ({
    ...forms.errors(),
    roots: [],
    uri: '',
    name: '',

    async init() {
      await this.load();
    },

    async load() {
      const list = await this.run('Loading roots', () => api.get('/roots'));
      if (list) {
        this.roots = list;
      }
    },

    async add() {
      const added = await this.run('Adding', () => api.post('/roots', { uri: this.uri, name: this.name || null }), 'uri');
      if (added) {
        this.uri = '';
        this.name = '';
        await this.load();
      }
    },

    async remove(root) {
      if (window.confirm('Remove the root "' + root.uri + '"?')) {
        await this.run('Removing', () => api.del('/roots/' + api.enc(root.uri)));
        await this.load();
      }
    },
  }));
});
