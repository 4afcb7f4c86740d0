/**
 * Validates response bodies against GitHub's published OpenAPI description (from
 * @octokit/openapi), so the fake cannot drift from the contract real clients are typed by.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_ID = 'https://api.github.com/openapi.json';

interface Spec {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, JsonObject> }>>;
  components: { schemas: Record<string, Json>; responses: Record<string, JsonObject> };
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);
const ANNOTATIONS_ONLY = new Set(['nullable', 'example', 'examples']);

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema: turn it into a "null" type (or an
 * anyOf with null where the schema has no type of its own, as with $ref and oneOf), and
 * point local $refs at the components document registered with Ajv.
 *
 * oneOf becomes anyOf: GitHub lists overlapping alternatives under oneOf (the 409 of the
 * contents API is basic-error or repository-rule-violation-error, neither with a required
 * field), so every real body would match two branches and fail "exactly one".
 */
export function toJsonSchema(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS_ONLY.has(key)) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out.$ref = `${SPEC_ID}${value}`;
    else if (SCHEMA_MAPS.has(key) && isObject(value)) out[key] = mapSchemas(value);
    else if (SUBSCHEMAS.has(key)) out[key] = Array.isArray(value) ? value.map(toJsonSchema) : toJsonSchema(value);
    else if (key === 'oneOf' && Array.isArray(value) && 'anyOf' in schema) {
      out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: value.map(toJsonSchema) }];
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      const branches = value.map(toJsonSchema);
      if (key === 'allOf') out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), ...branches];
      else out.anyOf = branches;
    } else out[key] = value;
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

function mapSchemas(map: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(map).map(([name, schema]) => [name, toJsonSchema(schema)]));
}

let loaded: { spec: Spec; ajv: Ajv } | undefined;

function load(): { spec: Spec; ajv: Ajv } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  // strict off: GitHub's schemas carry OpenAPI-only keywords (discriminator, readOnly, x-*).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: mapSchemas(spec.components.schemas as JsonObject) } });
  loaded = { spec, ajv };
  return loaded;
}

export interface DeclaredResponse {
  operationId: string;
  schema: Json;
}

/** The JSON schema GitHub declares for `status` of the operation, or undefined when it declares no body. */
export function declaredResponse(method: string, path: string, status: number): DeclaredResponse | undefined {
  const { spec } = load();
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`OpenAPI description has no ${method} ${path}`);
  let response: JsonObject | undefined = operation.responses[String(status)];
  const ref = response?.$ref;
  if (typeof ref === 'string') response = spec.components.responses[ref.split('/').at(-1) ?? ''];
  const content = response?.content;
  if (!isObject(content)) return undefined;
  const media = content['application/json'] ?? Object.values(content)[0];
  if (!isObject(media) || media.schema === undefined) return undefined;
  return { operationId: operation.operationId ?? `${method} ${path}`, schema: media.schema };
}

const compiled = new Map<string, ValidateFunction>();

/**
 * Problems with `body` as a response to `method path` with `status`, as readable strings;
 * empty means it conforms. Throws when the description declares no body for that status,
 * so a test cannot pass by validating nothing.
 */
export function schemaProblems(method: string, path: string, status: number, body: unknown): string[] {
  const key = `${method.toUpperCase()} ${path} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const declared = declaredResponse(method, path, status);
    if (!declared) throw new Error(`OpenAPI description declares no JSON body for ${key}`);
    validate = load().ajv.compile(toJsonSchema(declared.schema) as object);
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

/** Problems with `body` against a named component schema, e.g. "basic-error". */
export function componentProblems(name: string, body: unknown): string[] {
  const key = `#component ${name}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = load().ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
