import * as z from 'zod';

/** A JSON Schema (2020-12), which is what an OpenAPI 3.1 Schema Object is. */
export type JsonSchema = Record<string, unknown>;

const STRING_CONSTRAINTS = ['minLength', 'maxLength', 'pattern', 'format', 'enum'] as const;

/**
 * The request schemas trim strings and treat blank as absent by piping a lenient string into the
 * strict one (functions/core/fields.ts). zod documents a pipe's input side only, which would lose
 * the strict side's limits (an email's format, an optional text's maxLength, a type's enum). This
 * lifts them onto the documented input: what a client should send, leaving the leniency unsaid.
 */
function liftPipeConstraints(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const def = ctx.zodSchema._zod.def as { type: string; out?: z.core.$ZodType };
  if (def.type !== 'pipe' || !def.out || ctx.jsonSchema.type !== 'string') return;
  const strict = z.toJSONSchema(def.out, { io: 'input', unrepresentable: 'any', override: liftPipeConstraints }) as JsonSchema;
  if (strict.type !== 'string') return;
  for (const keyword of STRING_CONSTRAINTS) {
    if (strict[keyword] !== undefined && ctx.jsonSchema[keyword] === undefined) ctx.jsonSchema[keyword] = strict[keyword];
  }
}

/** zod writes a regex next to the formats it knows (date-time, email): the format says it, the regex is noise. */
function dropFormatPatterns(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(dropFormatPatterns);
  if (!node || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  if (typeof schema.format === 'string' && typeof schema.pattern === 'string') delete schema.pattern;
  Object.values(schema).forEach(dropFormatPatterns);
}

/** Members a standalone JSON Schema carries that an OpenAPI component must not (`$id` with a fragment is invalid). */
function asComponent({ $schema: _schema, $id: _id, ...schema }: JsonSchema): JsonSchema {
  dropFormatPatterns(schema);
  return schema;
}

export const componentRef = (id: string) => `#/components/schemas/${id}`;

/**
 * The components of one registry: requests as their input (what a client sends), responses as
 * their output (what the service answers). Schemas of the registry reference each other by $ref.
 */
export function registryComponents(registry: z.core.$ZodRegistry<{ id?: string }>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io, uri: componentRef, override: liftPipeConstraints }) as {
    schemas: Record<string, JsonSchema>;
  };
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, asComponent(schema)]));
}

/** One schema inline (a query object, a path parameter), as its input. */
export function inputSchema(schema: z.core.$ZodType): JsonSchema {
  return asComponent(z.toJSONSchema(schema, { io: 'input', override: liftPipeConstraints }) as JsonSchema);
}
