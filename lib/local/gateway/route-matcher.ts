import type { Route } from '../../../functions/routes';
import { decodeUrlPart } from './decode';

export type RouteMatch =
  | { kind: 'route'; route: Route; pathParameters: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' };

interface CompiledRoute {
  route: Route;
  /** A literal segment, or the name of a `{parameter}` segment. */
  segments: { literal?: string; parameter?: string }[];
}

const PARAMETER = /^\{([A-Za-z0-9_]+)\}$/;

function compile(route: Route): CompiledRoute {
  const segments = route.path
    .split('/')
    .slice(1)
    .map((segment) => {
      const parameter = PARAMETER.exec(segment)?.[1];
      return parameter ? { parameter } : { literal: segment };
    });
  return { route, segments };
}

/** Matches one route's template against the path's segments; parameters must be non-empty. */
function matchSegments(compiled: CompiledRoute, segments: string[]): Record<string, string> | null {
  if (compiled.segments.length !== segments.length) return null;
  const parameters: Record<string, string> = {};
  for (const [index, template] of compiled.segments.entries()) {
    const segment = segments[index]!;
    if (template.literal !== undefined) {
      if (template.literal !== segment) return null;
    } else {
      if (segment === '') return null;
      parameters[template.parameter!] = decodeUrlPart(segment);
    }
  }
  return parameters;
}

/** Literal segments beat parameters, leftmost first: `/v1/orders/mine` wins over `/v1/orders/{orderId}`. */
function specificity(compiled: CompiledRoute): string {
  return compiled.segments.map((segment) => (segment.literal !== undefined ? '1' : '0')).join('');
}

/**
 * The HTTP API's route selection over the route table: exact path templates, the most specific
 * match first; a known path with another method is a 405 with the methods that exist.
 */
export function routeMatcher(routes: readonly Route[]): (method: string, path: string) => RouteMatch {
  const compiled = routes.map(compile).sort((a, b) => specificity(b).localeCompare(specificity(a)));
  return (method, path) => {
    if (!path.startsWith('/')) return { kind: 'not_found' };
    const segments = path.split('/').slice(1);
    const matches = compiled
      .map((candidate) => ({ candidate, parameters: matchSegments(candidate, segments) }))
      .filter((match) => match.parameters !== null);
    if (matches.length === 0) return { kind: 'not_found' };
    const hit = matches.find((match) => match.candidate.route.method === method.toUpperCase());
    if (hit) return { kind: 'route', route: hit.candidate.route, pathParameters: hit.parameters! };
    const allow = [...new Set(matches.map((match) => match.candidate.route.method))].sort();
    return { kind: 'method_not_allowed', allow };
  };
}
