import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument, type OpenApiDocument } from '../../functions/openapi/document';

/*
 * The document's schemas in a JSON Schema 2020-12 validator (ajv, strict): a response is checked
 * against what the document says its route answers, not against the zod schemas it came from.
 */

const BASE = 'https://beverage-shop.example/openapi/';

/** `#/components/schemas/X` → an absolute id ajv resolves; everything else unchanged. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', BASE) : rewriteRefs(value),
    ]),
  );
}

export interface DocumentValidator {
  document: OpenApiDocument;
  /** The schema of the named component. */
  component: (name: string) => ValidateFunction;
  /** The schema documented for `METHOD path` answering `status` with `contentType`. */
  response: (routeKey: string, status: number, contentType?: string) => ValidateFunction;
  /** A readable list of what failed. */
  errorsOf: (validate: ValidateFunction) => string;
}

export function documentValidator(document: OpenApiDocument = buildOpenApiDocument()): DocumentValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    ajv.addSchema({ ...(rewriteRefs(schema) as object), $id: `${BASE}${name}` });
  }
  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: () => unknown) => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(rewriteRefs(schema()) as object);
      compiled.set(key, validate);
    }
    return validate;
  };
  return {
    document,
    component: (name) => {
      const validate = ajv.getSchema(`${BASE}${name}`);
      if (!validate) throw new Error(`No component ${name}`);
      return validate;
    },
    response: (routeKey, status, contentType) => {
      const [method, path] = routeKey.split(' ') as [string, string];
      const response = document.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
      if (!response) throw new Error(`${routeKey} documents no ${status}`);
      const content = response.content as Record<string, { schema: unknown }> | undefined;
      const type = contentType ?? (status >= 400 ? 'application/problem+json' : 'application/json');
      const media = content?.[type];
      if (!media) throw new Error(`${routeKey} ${status} documents no ${type}`);
      return compile(`${routeKey} ${status} ${type}`, () => media.schema);
    },
    errorsOf: (validate) => JSON.stringify(validate.errors, null, 1),
  };
}
