/**
 * application/x-www-form-urlencoded as GeoReport v2 clients send it: `attribute[code]=value`
 * (repeated, or `attribute[code][]=`, for a multivaluelist) collected into `attribute`; other
 * fields are single strings (the first one wins when repeated).
 */
export function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attribute: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
    if (m) {
      const code = m[1] ?? '';
      const prior = attribute[code];
      attribute[code] = prior === undefined ? (m[2] ? [value] : value) : [...[prior].flat(), value];
      continue;
    }
    if (!Object.hasOwn(out, key)) out[key] = value;
  }
  if (Object.keys(attribute).length > 0) out.attribute = attribute;
  return out;
}

/** A JSON body may name attributes either way: `{attribute: {code: v}}` or `"attribute[code]": v`. */
export function foldAttributes(body: Record<string, unknown>): Record<string, unknown> {
  const flat = Object.entries(body).filter(([k]) => /^attribute\[[^\]]*\](\[\])?$/.test(k));
  if (flat.length === 0) return body;
  const attribute: Record<string, unknown> = {
    ...(typeof body.attribute === 'object' && body.attribute !== null ? body.attribute : {}),
  };
  for (const [k, v] of flat) attribute[/^attribute\[([^\]]*)\]/.exec(k)?.[1] ?? ''] = v;
  const rest = Object.fromEntries(
    Object.entries(body).filter(([k]) => !flat.some(([f]) => f === k)),
  );
  return { ...rest, attribute };
}
