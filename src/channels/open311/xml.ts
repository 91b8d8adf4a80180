/**
 * GeoReport v2's XML: a document is one root element; an array becomes repeated child elements
 * named by ITEM (services → service, attributes → attribute ...); null and undefined become
 * empty elements (the spec's examples show empty elements for absent values).
 */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly XmlValue[]
  | { readonly [key: string]: XmlValue };

/** The element name of one item of an array held under a key. */
const ITEM: Readonly<Record<string, string>> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
  media_urls: 'media_url',
};

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE/U+FFFF).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(s: string): string {
  return s.replace(NOT_XML, '\ufffd').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function element(name: string, v: XmlValue): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (Array.isArray(v)) {
    const item = ITEM[name] ?? 'item';
    return `<${name}>${(v as readonly XmlValue[]).map((x) => element(item, x)).join('')}</${name}>`;
  }
  if (typeof v === 'object') {
    const inner = Object.entries(v)
      .map(([k, x]) => element(k, x))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(v))}</${name}>`;
}

/** A whole document: `<?xml …?>` and the root element holding the value. */
export function xmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}
